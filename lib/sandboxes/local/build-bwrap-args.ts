import type { RunMount } from "./run-dir";

/**
 * The parts of /etc a coding agent needs: users and groups (for `ls -l`,
 * `whoami`), name resolution, TLS roots, the dynamic linker cache, time
 * zone, Debian's alternatives symlinks and shell profiles. Secrets such as
 * /etc/shadow, SSH host keys and /etc/ssl/private stay out.
 */
export const etcEntries = [
  "passwd",
  "group",
  "hosts",
  "hostname",
  "resolv.conf",
  "nsswitch.conf",
  "host.conf",
  "gai.conf",
  "services",
  "protocols",
  "ssl/certs",
  "ssl/openssl.cnf",
  "ca-certificates",
  "ca-certificates.conf",
  "ld.so.cache",
  "ld.so.conf",
  "ld.so.conf.d",
  "localtime",
  "timezone",
  "alternatives",
  "os-release",
  "debian_version",
  "profile",
  "profile.d",
  "bash.bashrc",
  "inputrc",
  "mime.types",
  "terminfo",
];

export interface BwrapPlan {
  /** Read-write per-run mounts (/app, /logs/agent, home, /tmp). */
  mounts: RunMount[];
  /** Host directories bound read-only at the same path (CLIs, Node). */
  readOnlyDirs: string[];
  /** Working directory inside the sandbox. */
  cwd: string;
  /** File descriptor bwrap reports the child pid and namespaces on. */
  statusFd: number;
  /** The only variables set on the command line; nothing secret here. */
  env?: Record<string, string>;
  argv: string[];
}

/**
 * bwrap arguments for one command. The root is an empty tmpfs made
 * read-only at the end; the environment is not set here (bwrap passes its
 * own on, and the caller starts bwrap with exactly the sandbox's env, which
 * keeps secret values out of the world-readable command line).
 */
export function buildBwrapArgs(plan: BwrapPlan): string[] {
  const args = [
    "--die-with-parent",
    "--new-session",
    "--unshare-pid",
    "--unshare-ipc",
    "--unshare-uts",
    "--unshare-cgroup-try",
    "--hostname",
    "jetty-sandbox",
    "--cap-drop",
    "ALL",
    "--clearenv",
    ...Object.entries(plan.env ?? {}).flatMap(([key, value]) => [
      "--setenv",
      key,
      value,
    ]),
    "--ro-bind",
    "/usr",
    "/usr",
    "--symlink",
    "usr/bin",
    "/bin",
    "--symlink",
    "usr/sbin",
    "/sbin",
    "--symlink",
    "usr/lib",
    "/lib",
    "--symlink",
    "usr/lib64",
    "/lib64",
  ];
  for (const entry of etcEntries) {
    args.push("--ro-bind-try", `/etc/${entry}`, `/etc/${entry}`);
  }
  args.push("--proc", "/proc", "--dev", "/dev");
  for (const mount of plan.mounts)
    args.push("--bind", mount.host, mount.sandbox);
  // After the per-run mounts: a checkout under /tmp (CI clones anywhere)
  // would otherwise have its node_modules hidden by the run's own /tmp.
  for (const dir of plan.readOnlyDirs) args.push("--ro-bind", dir, dir);
  args.push(
    "--remount-ro",
    "/",
    "--chdir",
    plan.cwd,
    "--json-status-fd",
    String(plan.statusFd),
    "--",
    ...plan.argv,
  );

  return args;
}
