import { Brand } from "./brand";
import { NavLink } from "./nav-link";
import { SignOutButton } from "./sign-out-button";

interface TopNavProps {
  email: string;
  teamName: string;
  role: string;
}

/** The app's top bar: Jetty, its sections, and who is signed in. */
export function TopNav({ email, teamName, role }: TopNavProps) {
  return (
    <header className="sticky top-0 z-40 border-b border-zinc-200 bg-white/90 backdrop-blur">
      <div className="mx-auto flex h-14 max-w-6xl items-center gap-6 px-4 sm:px-6">
        <Brand />
        <nav aria-label="Main" className="flex items-center gap-1">
          <NavLink href="/collections">Collections</NavLink>
        </nav>
        <div className="ml-auto flex items-center gap-3">
          <div className="hidden text-right leading-tight sm:block">
            <p
              className="text-sm font-medium text-zinc-900"
              data-testid="nav-email"
            >
              {email}
            </p>
            <p className="text-xs text-zinc-500">
              {teamName} · {role}
            </p>
          </div>
          <SignOutButton />
        </div>
      </div>
    </header>
  );
}
