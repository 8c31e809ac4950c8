"use client";

import Editor, { type OnMount } from "@monaco-editor/react";
import { useEffect, useRef } from "react";

import type { Issue } from "@/lib/errors";

import { issuesToMarkers } from "./issues-to-markers";
import { monaco } from "./monaco-setup";

type CodeEditor = Parameters<OnMount>[0];

/** What the page may ask of a mounted editor. */
export interface RunbookEditorHandle {
  revealIssue(issue: Issue): void;
  focus(): void;
}

export interface TextReplacement {
  from: string;
  to: string;
  version: number;
}

export interface MonacoRunbookEditorProps {
  /** Model URI path, so two open runbooks never share a model. */
  path: string;
  /** Text at mount; afterwards the editor owns its model. */
  initialText: string;
  /**
   * A change the page makes itself (after a save, the stored form without a
   * BOM): applied once per version, only if the model still holds `from`, so
   * keystrokes typed meanwhile are never overwritten.
   */
  replacement?: TextReplacement | null;
  issues: readonly Issue[];
  readOnly: boolean;
  onChange(text: string): void;
  onReady(handle: RunbookEditorHandle): void;
  /** Ctrl/Cmd+S. */
  onSave?(): void;
}

const markerOwner = "jetty-runbook";

/**
 * Monaco for one runbook, from the local package. Created once per mount;
 * @monaco-editor/react disposes the editor and its model on unmount.
 */
export default function MonacoRunbookEditor({
  path,
  initialText,
  replacement,
  issues,
  readOnly,
  onChange,
  onReady,
  onSave,
}: MonacoRunbookEditorProps) {
  const editorRef = useRef<CodeEditor | null>(null);
  const onSaveRef = useRef(onSave);

  useEffect(() => {
    onSaveRef.current = onSave;
  }, [onSave]);

  useEffect(() => {
    const editor = editorRef.current;
    const model = editor?.getModel();
    if (!editor || !model || !replacement) return;
    if (model.getValue() !== replacement.from) return;
    // An edit, not setValue, so the person can still undo past it.
    editor.executeEdits("jetty", [
      { range: model.getFullModelRange(), text: replacement.to },
    ]);
  }, [replacement]);

  useEffect(() => {
    const model = editorRef.current?.getModel();
    if (!model) return;
    monaco.editor.setModelMarkers(
      model,
      markerOwner,
      issuesToMarkers(issues, model.getValue()),
    );
  }, [issues]);

  const handleMount: OnMount = (editor) => {
    editorRef.current = editor;
    const model = editor.getModel();
    if (model) {
      monaco.editor.setModelMarkers(
        model,
        markerOwner,
        issuesToMarkers(issues, model.getValue()),
      );
    }
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyS, () =>
      onSaveRef.current?.(),
    );
    onReady({
      revealIssue(issue) {
        const line = issue.line ?? 1;
        editor.revealLineInCenter(line);
        editor.setPosition({ lineNumber: line, column: issue.column ?? 1 });
        editor.focus();
      },
      focus: () => editor.focus(),
    });
  };

  return (
    <Editor
      path={path}
      defaultLanguage="markdown"
      defaultValue={initialText}
      onChange={(value) => onChange(value ?? "")}
      onMount={handleMount}
      loading={null}
      height="100%"
      options={{
        readOnly,
        domReadOnly: readOnly,
        minimap: { enabled: false },
        wordWrap: "on",
        lineNumbers: "on",
        scrollBeyondLastLine: false,
        fontSize: 13,
        tabSize: 2,
        insertSpaces: true,
        automaticLayout: true,
        // Hovers and suggestions escape the editor box instead of clipping.
        fixedOverflowWidgets: true,
        renderWhitespace: "boundary",
        unicodeHighlight: { invisibleCharacters: true },
      }}
    />
  );
}
