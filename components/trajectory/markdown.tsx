import ReactMarkdown, { type Components } from "react-markdown";
import remarkGfm from "remark-gfm";

// Raw HTML in agent output is shown as text: react-markdown does not render
// it unless a plugin asks, and none does here.
const components: Components = {
  h1: ({ node: _node, ...props }) => (
    <h3 className="mt-3 mb-1 text-base font-semibold" {...props} />
  ),
  h2: ({ node: _node, ...props }) => (
    <h4 className="mt-3 mb-1 text-sm font-semibold" {...props} />
  ),
  h3: ({ node: _node, ...props }) => (
    <h5 className="mt-2 mb-1 text-sm font-semibold" {...props} />
  ),
  p: ({ node: _node, ...props }) => (
    <p className="my-1.5 leading-6" {...props} />
  ),
  ul: ({ node: _node, ...props }) => (
    <ul className="my-1.5 list-disc pl-5" {...props} />
  ),
  ol: ({ node: _node, ...props }) => (
    <ol className="my-1.5 list-decimal pl-5" {...props} />
  ),
  li: ({ node: _node, ...props }) => <li className="my-0.5" {...props} />,
  a: ({ node: _node, href, ...props }) => (
    <a
      href={href}
      target="_blank"
      rel="noopener noreferrer nofollow"
      className="text-sky-700 underline"
      {...props}
    />
  ),
  blockquote: ({ node: _node, ...props }) => (
    <blockquote
      className="my-2 border-l-2 border-zinc-300 pl-3 text-zinc-600"
      {...props}
    />
  ),
  code: ({ node: _node, className, ...props }) => (
    <code
      className={
        className
          ? `${className} font-mono text-[13px]`
          : "rounded bg-zinc-100 px-1 py-0.5 font-mono text-[13px]"
      }
      {...props}
    />
  ),
  pre: ({ node: _node, ...props }) => (
    <pre
      className="my-2 overflow-x-auto rounded-md bg-zinc-900 p-3 text-[13px] leading-5 text-zinc-100 [&_code]:bg-transparent [&_code]:p-0"
      {...props}
    />
  ),
  table: ({ node: _node, ...props }) => (
    <div className="my-2 overflow-x-auto">
      <table className="min-w-full border-collapse text-sm" {...props} />
    </div>
  ),
  th: ({ node: _node, ...props }) => (
    <th
      className="border border-zinc-200 bg-zinc-50 px-2 py-1 text-left font-medium"
      {...props}
    />
  ),
  td: ({ node: _node, ...props }) => (
    <td className="border border-zinc-200 px-2 py-1" {...props} />
  ),
};

/** Agent text rendered as GitHub-flavoured markdown. */
export function Markdown({ text }: { text: string }) {
  return (
    <div className="text-sm text-zinc-900 break-words">
      <ReactMarkdown remarkPlugins={[remarkGfm]} components={components}>
        {text}
      </ReactMarkdown>
    </div>
  );
}
