#!/bin/bash
# deb post-remove for ESP Companion. electron-builder fills in the macros in ${...}; shell
# variables here are written $NAME only. The first part repeats electron-builder 26's default
# after-remove template (a custom script replaces it).

if type update-alternatives >/dev/null 2>&1; then
    # --remove takes the registered target, not the /usr/bin link.
    update-alternatives --remove '${executable}' '/opt/${sanitizedProductName}/${executable}'
else
    rm -f '/usr/bin/${executable}'
fi

APPARMOR_PROFILE_DEST='/etc/apparmor.d/${executable}'
if [ -f "$APPARMOR_PROFILE_DEST" ]; then
    # Unload before deleting so the policy is not left enforced until the next reboot.
    if apparmor_status --enabled > /dev/null 2>&1; then
        if ! { [ -x '/usr/bin/ischroot' ] && /usr/bin/ischroot; } && hash apparmor_parser 2>/dev/null; then
            apparmor_parser --remove "$APPARMOR_PROFILE_DEST" || true
        fi
    fi
    rm -f "$APPARMOR_PROFILE_DEST"
fi

# dpkg has already deleted the udev rules file; reload so the rules stop applying to ports
# plugged in from now on (ACLs already granted stay until the device is re-plugged).
if command -v udevadm >/dev/null 2>&1; then
    udevadm control --reload-rules || true
fi

exit 0
