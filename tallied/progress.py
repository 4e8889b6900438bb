"""Progress on stderr for long runs: a tqdm bar on a terminal, a plain line every
``every`` reports otherwise (logs and pipes get lines, not carriage returns)."""
from __future__ import annotations

import sys
import time


class Progress:
    def __init__(self, label: str, every: int = 500, stream=None, enabled: bool = True):
        self.stream = stream or sys.stderr
        self.label = label
        self.every = every
        self.count = 0
        self.started = time.monotonic()
        self.enabled = enabled
        self.bar = None
        if enabled and hasattr(self.stream, "isatty") and self.stream.isatty():
            from tqdm import tqdm

            self.bar = tqdm(desc=label, unit=" reports", file=self.stream, dynamic_ncols=True)

    def update(self, n: int = 1, **postfix) -> None:
        self.count += n
        if not self.enabled:
            return
        if self.bar is not None:
            self.bar.update(n)
            if postfix:
                self.bar.set_postfix(postfix, refresh=False)
        elif self.count // self.every != (self.count - n) // self.every:
            rate = self.count / max(1e-9, time.monotonic() - self.started)
            extra = "".join(f", {k} {v}" for k, v in postfix.items())
            print(f"tallied: {self.label}: {self.count} reports ({rate:.1f}/s{extra})",
                  file=self.stream, flush=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
