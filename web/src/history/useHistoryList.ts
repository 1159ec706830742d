// The History list: projects first (their order is the groups' order), then each group's sessions page by page as the
// person scrolls to it. Reloads on a reconnect and on a `reload` push (at most every 2 s while the index builds); other
// history.changed pushes update rows in place.
import { useCallback, useRef, useState } from 'react';
import { HISTORY_PAGE_SESSIONS } from '../../../src/shared/history.js';
import { usePushes } from '../lib/pushBus.js';
import { filterQuery, type HistoryFilters, historyApi, NO_FILTERS } from './api.js';
import { type Group, groupsOf, nextToLoad, rowsOf, toggled, withChanges, withPage } from './groups.js';

const RELOAD_GAP_MS = 2_000;

export function useHistoryList(filters: HistoryFilters) {
  const [groups, setGroups] = useState<Group[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const groupsRef = useRef<Group[] | null>(null);
  groupsRef.current = groups;
  const generation = useRef(0);
  const inFlight = useRef<string | null>(null);
  const lastReload = useRef(0);
  const reloadTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const filtersRef = useRef(filters);
  filtersRef.current = filters;

  const reload = useCallback(() => {
    const gen = ++generation.current;
    inFlight.current = null;
    lastReload.current = Date.now();
    historyApi.projects().then(
      (projects) => {
        if (gen !== generation.current) return;
        const only = filtersRef.current.project;
        setGroups(groupsOf(only === null ? projects : projects.filter((p) => p.key === only)));
        setError(null);
      },
      (e: unknown) => gen === generation.current && setError(e instanceof Error ? e.message : String(e)),
    );
  }, []);

  const reloadSoon = useCallback(() => {
    if (reloadTimer.current) return;
    const wait = Math.max(0, lastReload.current + RELOAD_GAP_MS - Date.now());
    reloadTimer.current = setTimeout(() => {
      reloadTimer.current = null;
      reload();
    }, wait);
  }, [reload]);

  usePushes(
    `history-list:${JSON.stringify(filters)}`,
    (msg) => {
      if (msg.type !== 'history.changed') return;
      if (msg.reload || groupsRef.current?.length === 0) reloadSoon();
      else {
        const f = filtersRef.current;
        const filtered = JSON.stringify({ ...f, project: null }) !== JSON.stringify(NO_FILTERS);
        setGroups((g) => (g ? withChanges(g, msg.upserted, msg.removed, filtered) : g));
        // A session of a project the list does not have yet: the project list itself changed.
        if (!filtered && msg.upserted.some((s) => !groupsRef.current?.some((g) => g.project.key === s.project.key))) reloadSoon();
      }
    },
    reload,
  );

  /** Loads the next page of the group that is still loading (the "more" row came into view). */
  const loadMore = useCallback(() => {
    const current = groupsRef.current;
    const group = current ? nextToLoad(current) : null;
    if (!group) return;
    const key = group.project.key;
    const asked = group.cursor;
    const ticket = `${generation.current}:${key}:${asked}`;
    if (inFlight.current === ticket) return;
    inFlight.current = ticket;
    const gen = generation.current;
    const query = { ...filterQuery(filtersRef.current, key), limit: String(HISTORY_PAGE_SESSIONS), ...(asked ? { cursor: asked } : {}) };
    historyApi.sessions(query).then(
      (page) => {
        if (gen !== generation.current) return;
        inFlight.current = null;
        setGroups((g) => (g ? withPage(g, key, asked, page) : g));
      },
      (e: unknown) => {
        if (gen !== generation.current) return;
        inFlight.current = null;
        setError(e instanceof Error ? e.message : String(e));
      },
    );
  }, []);

  const toggle = useCallback((key: string) => setGroups((g) => (g ? toggled(g, key) : g)), []);
  return { groups, rows: groups ? rowsOf(groups) : [], loadMore, toggle, error, loaded: groups !== null };
}
