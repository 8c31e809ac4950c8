export { fieldErrors, formError, type FieldErrors } from "./action-feedback";
export { Badge, type BadgeTone } from "./badge";
export {
  Button,
  LinkButton,
  buttonClasses,
  type ButtonSize,
  type ButtonVariant,
} from "./button";
export {
  Card,
  CardContent,
  CardDescription,
  CardFooter,
  CardHeader,
  CardTitle,
} from "./card";
export { cn } from "./cn";
export { FormAlert } from "./form-alert";
export { Field, Input, Label, Select, Textarea } from "./input";
export { EmptyState, PageHeader } from "./page-header";
export { StatusBadge, type TrajectoryStatusName } from "./status-badge";
export { SubmitButton } from "./submit-button";
export { Toaster, useResultToast, useToast, type Toast } from "./toast";
export { formatCost, formatDateTime, formatDuration } from "./format";
