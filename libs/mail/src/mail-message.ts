/** One mail to one recipient. `kind` names it in logs; nothing else of it is ever logged. */
export interface MailMessage {
  kind: string;
  to: string;
  subject: string;
  text: string;
  html?: string;
}
