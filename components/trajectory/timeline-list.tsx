"use client";

import { useWindowVirtualizer } from "@tanstack/react-virtual";
import { useLayoutEffect, useRef, useState } from "react";

import type { TimelineItem } from "@/lib/trajectories/timeline";

import { TimelineItemView } from "./timeline-item-view";

/** Longer timelines render only what is on screen. */
export const virtualizeAbove = 200;

/** The timeline's entries, in order. */
export function TimelineList({ items }: { items: TimelineItem[] }) {
  if (items.length === 0) {
    return (
      <p className="text-sm text-zinc-500">
        Nothing yet: the timeline fills in as the agent works.
      </p>
    );
  }
  if (items.length <= virtualizeAbove) {
    return (
      <ol className="space-y-3">
        {items.map((item) => (
          <li key={item.key} data-item-key={item.key}>
            <TimelineItemView item={item} />
          </li>
        ))}
      </ol>
    );
  }

  return <VirtualTimeline items={items} />;
}

function VirtualTimeline({ items }: { items: TimelineItem[] }) {
  const listRef = useRef<HTMLOListElement | null>(null);
  const [scrollMargin, setScrollMargin] = useState(0);

  useLayoutEffect(() => {
    // The list's distance from the top of the document, for window scrolling.
    const top = listRef.current?.getBoundingClientRect().top ?? 0;
    setScrollMargin(top + window.scrollY);
  }, []);

  const virtualizer = useWindowVirtualizer({
    count: items.length,
    estimateSize: () => 96,
    overscan: 8,
    gap: 12,
    scrollMargin,
    getItemKey: (index) => items[index].key,
    // Lets the server render the first screen before there is a window.
    initialRect: { width: 1024, height: 900 },
  });

  return (
    <ol
      ref={listRef}
      className="relative"
      style={{ height: virtualizer.getTotalSize() }}
    >
      {virtualizer.getVirtualItems().map((row) => (
        <li
          key={row.key}
          data-index={row.index}
          data-item-key={row.key}
          ref={virtualizer.measureElement}
          className="absolute top-0 left-0 w-full"
          style={{
            transform: `translateY(${row.start - virtualizer.options.scrollMargin}px)`,
          }}
        >
          <TimelineItemView item={items[row.index]} />
        </li>
      ))}
    </ol>
  );
}
