// KaTeX's stylesheet (and through it its fonts), imported only alongside rehype-katex, never by the first page load.
import 'katex/dist/katex.min.css';
