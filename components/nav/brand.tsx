import Link from "next/link";

/** Jetty's wordmark, linking home. */
export function Brand({ href = "/collections" }: { href?: string }) {
  return (
    <Link
      href={href}
      className="flex items-center gap-2 font-semibold tracking-tight text-zinc-900"
    >
      <span
        aria-hidden
        className="grid size-7 place-items-center rounded-md bg-zinc-900 font-mono text-sm text-white"
      >
        J
      </span>
      Jetty
    </Link>
  );
}
