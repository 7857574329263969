'use client';

import { memo } from 'react';
import ReactMarkdown, { type Components } from 'react-markdown';
import remarkGfm from 'remark-gfm';
import { cn } from '@/lib/utils';

type Node = { type: string; value?: string; children?: Node[] };

// Model output is untrusted: raw HTML is shown as the text it is (never parsed; no rehype-raw).
function remarkHtmlAsText() {
  const walk = (node: Node) => {
    if (node.type === 'html') node.type = 'text';
    node.children?.forEach(walk);
  };
  return (tree: Node) => walk(tree);
}

const components: Components = {
  // An unsafe URL (javascript:, data:…) comes through emptied: keep the text, drop the link.
  a: ({ node: _node, href, children, ...props }) =>
    href ? (
      <a {...props} href={href} target="_blank" rel="noreferrer noopener" className="font-medium text-primary underline underline-offset-4">
        {children}
      </a>
    ) : (
      <span className="underline decoration-dotted underline-offset-4">{children}</span>
    ),
  // Remote images would load from wherever the model pointed: show them as links instead.
  img: ({ src, alt }) =>
    typeof src === 'string' && src ? (
      <a href={src} target="_blank" rel="noreferrer noopener" className="text-primary underline underline-offset-4">
        {alt || 'image'}
      </a>
    ) : (
      <span>{alt}</span>
    ),
  h1: ({ node: _node, ...props }) => <h3 className="mt-4 mb-2 text-lg font-semibold first:mt-0" {...props} />,
  h2: ({ node: _node, ...props }) => <h4 className="mt-4 mb-2 text-base font-semibold first:mt-0" {...props} />,
  h3: ({ node: _node, ...props }) => <h5 className="mt-3 mb-1.5 font-semibold first:mt-0" {...props} />,
  h4: ({ node: _node, ...props }) => <h6 className="mt-3 mb-1.5 font-semibold first:mt-0" {...props} />,
  h5: ({ node: _node, ...props }) => <p className="mt-3 mb-1.5 font-semibold first:mt-0" {...props} />,
  h6: ({ node: _node, ...props }) => <p className="mt-3 mb-1.5 font-semibold first:mt-0" {...props} />,
  p: ({ node: _node, ...props }) => <p className="my-2 leading-relaxed first:mt-0 last:mb-0" {...props} />,
  ul: ({ node: _node, ...props }) => <ul className="my-2 list-disc space-y-1 pl-6" {...props} />,
  ol: ({ node: _node, ...props }) => <ol className="my-2 list-decimal space-y-1 pl-6" {...props} />,
  blockquote: ({ node: _node, ...props }) => <blockquote className="my-2 border-l-2 pl-3 text-muted-foreground" {...props} />,
  hr: () => <hr className="my-4 border-border" />,
  pre: ({ node: _node, ...props }) => (
    <pre className="my-2 overflow-x-auto rounded-md border bg-muted/60 p-3 font-mono text-[0.8125rem] leading-relaxed [&>code]:bg-transparent [&>code]:p-0" {...props} />
  ),
  code: ({ node: _node, className, ...props }) => (
    <code className={cn('rounded bg-muted px-1 py-0.5 font-mono text-[0.8125rem]', className)} {...props} />
  ),
  table: ({ node: _node, ...props }) => (
    <div className="my-2 overflow-x-auto">
      <table className="w-full border-collapse text-sm" {...props} />
    </div>
  ),
  th: ({ node: _node, ...props }) => <th className="border px-2 py-1 text-left font-semibold" {...props} />,
  td: ({ node: _node, ...props }) => <td className="border px-2 py-1 align-top" {...props} />,
};

/** Markdown of model output, rendered safely: no raw HTML, links open in a new tab without a referrer. */
export const RunMarkdown = memo(function RunMarkdown({ text, className }: { text: string; className?: string }) {
  return (
    <div className={cn('text-sm break-words', className)}>
      <ReactMarkdown remarkPlugins={[remarkGfm, remarkHtmlAsText]} components={components}>
        {text}
      </ReactMarkdown>
    </div>
  );
});
