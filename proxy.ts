import { withAuth } from "next-auth/middleware";

/**
 * Sends signed-out visitors of app pages to the sign-in page. It is a
 * convenience, not the guard: every page, action and route handler still
 * resolves its own team context (lib/auth/context.ts).
 */
export default withAuth({
  pages: { signIn: "/sign-in" },
  callbacks: {
    // A token without a user id is as good as none (B28).
    authorized: ({ token }) => typeof token?.userId === "string",
  },
});

export const config = {
  matcher: [
    // Everything but the sign-in pages, Next's assets, public files and the
    // APIs (/api, /v1, /chat/completions), which answer 401 JSON themselves instead of
    // redirecting.
    "/((?!api/|api$|v1/|v1$|chat/completions|sign-in|sign-up|_next/static|_next/image|favicon\\.ico|.*\\.(?:ico|png|jpg|jpeg|gif|svg|webp|woff2?|txt|xml)$).*)",
  ],
};
