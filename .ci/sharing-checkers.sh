#!/usr/bin/env bash
# Independent checkers of Vigie's MISP and STIX 2.1 exports (crates/vigie-core/tests/sharing_checkers.rs):
# PyMISP loads the MISP events, stix2-validator validates the STIX bundles, and both libraries
# write the samples that Vigie's importers read back. Meant to be sourced by .ci/run, which then
# calls `ensure_sharing_checkers`; idempotent (nothing is installed when the modules import).

sharing_checkers_import() {
  python3 -c 'import pymisp, stix2, stix2validator' >/dev/null 2>&1
}

ensure_sharing_checkers() {
  if sharing_checkers_import; then
    printf '\n==> %s\n' "pymisp, stix2 and stix2-validator are installed"
    return 0
  fi
  if ! python3 -m pip --version >/dev/null 2>&1; then
    printf '\n==> %s\n' "installing pip from Debian's packages"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-pip >/dev/null
  fi
  printf '\n==> %s\n' "installing pymisp, stix2 and stix2-validator (pip)"
  # Debian's own python3 refuses pip installs (PEP 668) unless told otherwise.
  python3 -m pip install --quiet pymisp stix2 stix2-validator 2>/dev/null \
    || python3 -m pip install --quiet --break-system-packages pymisp stix2 stix2-validator
  if ! python3 -c 'import pymisp, stix2, stix2validator'; then
    echo "pymisp/stix2/stix2-validator did not install; the sharing checkers need them" >&2
    return 1
  fi
}

# Run directly (`bash .ci/sharing-checkers.sh`), it installs; sourced, it only defines the function.
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  ensure_sharing_checkers
fi
