import { redirect } from "next/navigation";

// The proxy sends signed-out visitors to /sign-in before they get here.
export default function HomePage() {
  redirect("/collections");
}
