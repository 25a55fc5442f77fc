import { useEffect, useState } from 'react';

type QrMatrix = boolean[][];

/** The QR code of a link, or `too-long` when no QR code can hold it (uqr throws `Data too long`). */
export type QrState = QrMatrix | 'too-long';

/**
 * The QR code library loads on this page only, and only once there is a link to draw. A link of
 * a few thousand characters (a long email address) fits no QR version: that is said, not left
 * "loading" with an unhandled rejection (security review 2026-12, P6).
 */
export function useQrCode(text: string | undefined): QrState | undefined {
  const [matrix, setMatrix] = useState<{ text: string; data: QrState }>();
  useEffect(() => {
    if (text === undefined) return;
    let current = true;
    void import('uqr')
      .then(({ encode }) => encode(text, { border: 2 }).data)
      .then(
        (data): QrState => data,
        (): QrState => 'too-long',
      )
      .then((data) => {
        if (current) setMatrix({ text, data });
      });
    return () => {
      current = false;
    };
  }, [text]);
  return matrix !== undefined && matrix.text === text ? matrix.data : undefined;
}

export function QrCode({ matrix, label }: { matrix: QrMatrix; label: string }) {
  const size = matrix.length;
  const path = matrix
    .flatMap((row, y) => row.map((dark, x) => (dark ? `M${String(x)} ${String(y)}h1v1h-1z` : '')))
    .join('');
  return (
    <svg className="qr" viewBox={`0 0 ${String(size)} ${String(size)}`} role="img" aria-label={label}>
      <rect width={size} height={size} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}
