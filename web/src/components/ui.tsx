import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, download, isNotFound } from '../api/client.js';
import type { RiskTier } from '../api/types.js';
import { type ClipboardAccess, copyText } from '../lib/clipboard.js';
import { shortHash, tierLabel } from '../lib/format.js';
import { Link } from '../router.js';

/** A shape per tier, so the tier reads without colour: circle, diamond, triangle, octagon. */
export function TierIcon({ tier }: { tier: RiskTier | null }) {
  const shape = (() => {
    switch (tier) {
      case 'low':
        return <circle cx="6" cy="6" r="4.5" />;
      case 'medium':
        return <path d="M6 0.8 11.2 6 6 11.2 0.8 6Z" />;
      case 'high':
        return <path d="M6 0.8 11.5 11 0.5 11Z" />;
      case 'critical':
        // A square with an exclamation mark cut out: unlike the circle even at 12 px.
        return <path fill-rule="evenodd" d="M1 1h10v10H1Z M5.1 2.4h1.8v4.8H5.1Z M5.1 8.3h1.8v1.6H5.1Z" />;
      case null:
        return (
          <circle
            cx="6"
            cy="6"
            r="4"
            fill="none"
            stroke="currentColor"
            stroke-width="1.5"
            stroke-dasharray="2 2"
          />
        );
    }
  })();
  return (
    <svg class="tier-icon" viewBox="0 0 12 12" width="12" height="12" aria-hidden="true" focusable="false">
      {shape}
    </svg>
  );
}

export function TierBadge({ tier }: { tier: RiskTier | null }) {
  return (
    <span class={`tier-badge tier-${tier ?? 'none'}`}>
      <TierIcon tier={tier} />
      {tierLabel(tier)}
    </span>
  );
}

export function ErrorNotice({ error, title }: { error: ApiError | Error | string; title?: string }) {
  const message = typeof error === 'string' ? error : error.message;
  return (
    <div class="notice notice-error" role="alert">
      {title && <strong>{title} </strong>}
      {message}
    </div>
  );
}

export function Notice({
  children,
  tone = 'info',
}: {
  children: ComponentChildren;
  tone?: 'info' | 'success' | 'warning';
}) {
  return <div class={`notice notice-${tone}`}>{children}</div>;
}

export function Loading({ what }: { what: string }) {
  return (
    <p class="loading" role="status" aria-live="polite">
      Loading {what}…
    </p>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ComponentChildren }) {
  return (
    <div class="empty-state">
      <h2>{title}</h2>
      {children}
    </div>
  );
}

export function Stat({
  label,
  value,
  detail,
  href,
}: {
  label: string;
  value: ComponentChildren;
  detail?: ComponentChildren;
  href?: string;
}) {
  return (
    <div class="stat">
      <dt>{label}</dt>
      <dd>
        <span class="stat-value">{href ? <Link href={href}>{value}</Link> : value}</span>
        {detail && <span class="stat-detail">{detail}</span>}
      </dd>
    </div>
  );
}

export function Section({
  title,
  id,
  actions,
  children,
  class: className,
}: {
  title: string;
  id?: string;
  actions?: ComponentChildren;
  children: ComponentChildren;
  class?: string;
}) {
  const headingId = id ? `${id}-title` : undefined;
  return (
    <section class={`panel ${className ?? ''}`} id={id} aria-labelledby={headingId}>
      <div class="panel-head">
        <h2 id={headingId}>{title}</h2>
        {actions && <div class="panel-actions">{actions}</div>}
      </div>
      {children}
    </section>
  );
}

/**
 * A file the service makes on request (PDF report). Fetched on click, so a missing endpoint (404) turns the
 * button into a plain explanation instead of a broken download.
 */
export function DownloadButton({
  href,
  fileName,
  label,
  unavailableText,
  class: className,
}: {
  href: string;
  fileName: string;
  label: string;
  unavailableText: string;
  class?: string;
}) {
  const [state, setState] = useState<'idle' | 'busy' | 'unavailable' | 'done'>('idle');
  const [error, setError] = useState<string>();
  const onClick = async (event: MouseEvent) => {
    event.preventDefault();
    if (state === 'busy') {
      return;
    }
    setState('busy');
    setError(undefined);
    try {
      await download(href, fileName);
      setState('done');
    } catch (caught) {
      if (isNotFound(caught)) {
        setState('unavailable');
        return;
      }
      setState('idle');
      setError(caught instanceof Error ? caught.message : String(caught));
    }
  };
  if (state === 'unavailable') {
    return (
      <span class="download-unavailable">
        <button type="button" class={`button ${className ?? ''}`} disabled>
          {label}
        </button>
        <span class="hint" role="status">
          {unavailableText}
        </span>
      </span>
    );
  }
  return (
    <span class="download">
      <a
        href={href}
        class={`button ${className ?? ''}`}
        onClick={(event) => void onClick(event)}
        aria-busy={state === 'busy'}
      >
        {state === 'busy' ? 'Preparing…' : label}
      </a>
      {error && (
        <span class="hint hint-error" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}

/** Where a control is hidden or disabled for the signed-in role: why, in one sentence. */
export function NotAllowed({ children }: { children: ComponentChildren }) {
  return (
    <p class="not-allowed">
      <span aria-hidden="true">🔒</span>
      <span>{children}</span>
    </p>
  );
}

/** The browser's clipboard: the Clipboard API, or a selected text area and the copy command. */
function browserClipboard(): ClipboardAccess {
  return {
    clipboard: window.isSecureContext ? navigator.clipboard : undefined,
    copyBySelection(text) {
      const area = document.createElement('textarea');
      area.value = text;
      area.setAttribute('readonly', '');
      area.className = 'copy-source';
      document.body.append(area);
      const focused = document.activeElement;
      area.select();
      try {
        return document.execCommand('copy');
      } finally {
        area.remove();
        if (focused instanceof HTMLElement) {
          focused.focus();
        }
      }
    },
  };
}

const COPIED_FOR_MS = 2_000;

/**
 * A sha256 or other digest: its first characters in monospace on one line, the whole value in the title, and a
 * button that copies the whole value. If the browser refuses to copy, the value is shown selected to copy by hand.
 */
export function HashValue({ value, label }: { value: string; label: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const manual = useRef<HTMLInputElement>(null);
  useEffect(() => () => clearTimeout(timer.current), []);
  useEffect(() => {
    if (state === 'failed') {
      manual.current?.focus();
      manual.current?.select();
    }
  }, [state]);
  const copy = async () => {
    const copied = await copyText(value, browserClipboard());
    clearTimeout(timer.current);
    setState(copied ? 'copied' : 'failed');
    if (copied) {
      timer.current = setTimeout(() => setState('idle'), COPIED_FOR_MS);
    }
  };
  const shown = value.length > 12 ? `${shortHash(value)}…` : value;
  return (
    <span class="hash">
      {state === 'failed' ? (
        <input
          ref={manual}
          class="hash-manual"
          type="text"
          readOnly
          value={value}
          aria-label={`The ${label}: select it and copy it (Ctrl+C)`}
          size={Math.min(value.length, 32)}
        />
      ) : (
        <code class="hash-value" title={value}>
          {shown}
        </code>
      )}
      <button type="button" class="copy-button" title={`Copy the whole ${label}`} onClick={() => void copy()}>
        {state === 'copied' ? 'Copied' : 'Copy'}
        <span class="visually-hidden"> the {label}</span>
      </button>
      <span class={state === 'failed' ? 'hint hint-error' : 'visually-hidden'} role="status">
        {state === 'copied'
          ? `The ${label} is copied.`
          : state === 'failed'
            ? 'The browser refused to copy: the value is selected, press Ctrl+C (⌘C).'
            : ''}
      </span>
    </span>
  );
}
