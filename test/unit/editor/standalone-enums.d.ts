// Monaco ships this generated enum module without types; it is the same
// MarkerSeverity the public API exports, importable in Node without a DOM.
declare module "monaco-editor/editor/common/standalone/standaloneEnums.js" {
  export { MarkerSeverity } from "monaco-editor";
}
