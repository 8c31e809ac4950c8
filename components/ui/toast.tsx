"use client";

import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from "react";

import type { ActionResult } from "@/lib/action-result";

import { cn } from "./cn";

export interface Toast {
  id: number;
  tone: "success" | "error" | "info";
  title: string;
  description?: string;
}

interface ToastApi {
  show(toast: Omit<Toast, "id">): void;
  /** A toast for an action's outcome: its error, or `success` when given. */
  showResult(result: ActionResult<unknown>, success?: string): void;
}

const ToastContext = createContext<ToastApi | null>(null);

const visibleMs = 5000;

/** Holds the toasts of the page; mounted once in the root layout. */
export function Toaster({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const nextId = useRef(1);

  const dismiss = useCallback((id: number) => {
    setToasts((current) => current.filter((t) => t.id !== id));
  }, []);

  const show = useCallback(
    (toast: Omit<Toast, "id">) => {
      const id = nextId.current++;
      setToasts((current) => [...current, { ...toast, id }]);
      setTimeout(() => dismiss(id), visibleMs);
    },
    [dismiss],
  );

  const api = useMemo<ToastApi>(
    () => ({
      show,
      showResult(result, success) {
        if (!result.ok) {
          show({ tone: "error", title: result.error.message });
        } else if (success) {
          show({ tone: "success", title: success });
        }
      },
    }),
    [show],
  );

  return (
    <ToastContext.Provider value={api}>
      {children}
      <div
        aria-live="polite"
        className="pointer-events-none fixed right-4 bottom-4 z-50 flex w-80 flex-col gap-2"
      >
        {toasts.map((toast) => (
          <div
            key={toast.id}
            role={toast.tone === "error" ? "alert" : "status"}
            className={cn(
              "pointer-events-auto rounded-md border bg-white px-4 py-3 text-sm shadow-lg",
              toast.tone === "error" && "border-red-200 text-red-700",
              toast.tone === "success" && "border-emerald-200 text-emerald-700",
              toast.tone === "info" && "border-zinc-200 text-zinc-800",
            )}
          >
            <div className="flex items-start justify-between gap-3">
              <p className="font-medium">{toast.title}</p>
              <button
                type="button"
                aria-label="Dismiss"
                className="text-zinc-400 hover:text-zinc-700"
                onClick={() => dismiss(toast.id)}
              >
                ×
              </button>
            </div>
            {toast.description ? (
              <p className="mt-1 text-zinc-600">{toast.description}</p>
            ) : null}
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}

export function useToast(): ToastApi {
  const api = useContext(ToastContext);
  if (!api) throw new Error("useToast must be used inside <Toaster>");

  return api;
}

/**
 * Shows a toast each time an action returns a new result (for use with
 * `useActionState`, whose state is the last ActionResult).
 */
export function useResultToast(
  result: ActionResult<unknown> | null | undefined,
  success?: string,
): void {
  const { showResult } = useToast();

  useEffect(() => {
    if (result) showResult(result, success);
  }, [result, success, showResult]);
}
