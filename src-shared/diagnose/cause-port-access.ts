import type { CauseWriter } from './cause-types';
import { item } from './cause-evidence';
import type { DiagnosisStep, FailureFacts } from './diagnosis';
import { hasService, isLinux, MODEM_MANAGER_STEP, portName } from './steps-host';

/** Opening the port: another program holds it, or the user may not open it. */

const SERVICE_STOP: Readonly<Record<string, string>> = {
  modemmanager: 'sudo systemctl disable --now ModemManager',
  brltty: 'sudo apt remove brltty',
};

function holderWords(facts: FailureFacts): string | undefined {
  const holder = facts.portHolder;
  if (holder === undefined) return undefined;
  const pid = holder.pid === undefined ? '' : ` (pid ${holder.pid})`;
  return `${holder.command ?? 'another process'}${pid}`;
}

function holderStep(facts: FailureFacts): DiagnosisStep | undefined {
  const holder = facts.portHolder;
  if (holder === undefined) return undefined;
  const name = holder.command ?? '';
  if (name.startsWith('ESP Companion')) {
    // Our own monitor or job: ending the process would end the app.
    return { title: `Close the port in ${name}`, detail: 'Stop the serial monitor or wait for the other job on this port to finish, then retry.' };
  }
  const service = SERVICE_STOP[name.toLowerCase()];
  if (service !== undefined) {
    return { title: `Stop ${name}, which has the port open`, detail: `${name} is a system service that opens serial ports on its own.`, command: service };
  }
  return {
    title: `Close ${holderWords(facts) ?? 'the program'} that has the port open`,
    detail: 'Quit it normally if it is a monitor or an IDE window; end the process only if it does not respond.',
    ...(holder.pid === undefined ? {} : { command: `kill ${holder.pid}` }),
  };
}

function findHolderStep(facts: FailureFacts): DiagnosisStep {
  if (facts.platform === 'win32') {
    return {
      title: 'Close every program that may have the port open',
      detail: 'Usual suspects: the Arduino IDE Serial Monitor or Serial Plotter, PuTTY, Tera Term, another flasher, a 3D-printer host or a second window of this app. Windows does not say which program holds a port.',
    };
  }
  return {
    title: 'Find out which program has the port open',
    detail: 'Usual suspects: the Arduino IDE Serial Monitor, screen or minicom in another terminal, another flasher, or ModemManager.',
    command: `lsof ${facts.port ?? '/dev/ttyUSB0'}`,
    check: 'port-access',
  };
}

export const portBusy: CauseWriter = (facts) => {
  const holder = holderWords(facts);
  const stopHolder = holderStep(facts);
  const windowsDenied = facts.platform === 'win32' && facts.errorCode === 'port.permission-denied';
  const steps: DiagnosisStep[] = [
    ...(stopHolder === undefined ? [findHolderStep(facts)] : [stopHolder]),
    { title: 'Retry once the port is free', detail: 'Then retry; unplugging and replugging the board also drops any stale handle.', check: 'port-access' },
    ...(isLinux(facts) && hasService(facts, 'ModemManager') && stopHolder?.command !== MODEM_MANAGER_STEP.command ? [MODEM_MANAGER_STEP] : []),
  ];
  const explanation = holder === undefined
    ? 'Another program already has the port open, and a serial port can only be used by one program at a time.'
    : `The port is held by ${holder}, and a serial port can only be used by one program at a time.`;
  return {
    title: holder === undefined ? `${portName(facts)} is in use by another program` : `${portName(facts)} is held by ${holder}`,
    explanation: windowsDenied ? `${explanation} Windows reports this as "Access is denied".` : explanation,
    evidence: holder === undefined ? [] : [item('Held by', holder)],
    steps,
  };
};

function linuxGroup(facts: FailureFacts): string {
  return facts.portGroup?.group ?? 'dialout';
}

function linuxPermissionSteps(facts: FailureFacts): DiagnosisStep[] {
  const group = linuxGroup(facts);
  if (facts.portGroup?.userIsMember === true) {
    return [
      {
        title: 'Log out and back in (or reboot)',
        detail: `You are in the ${group} group, but a running session only gets new groups after logging in again. To try without logging out, start a shell with the group.`,
        command: `newgrp ${group}`,
      },
      { title: 'Check the port\'s owner and mode', detail: 'It should be group-readable and -writable (crw-rw----).', command: `ls -l ${facts.port ?? '/dev/ttyUSB0'}` },
    ];
  }
  const distroNote =
    facts.portGroup === undefined
      ? ' The group is dialout on Debian, Ubuntu and Fedora and uucp on Arch Linux; `ls -l` on the port shows which.'
      : '';
  return [
    {
      title: `Add yourself to the ${group} group, then log out and back in`,
      detail: `Serial ports belong to the ${group} group; membership takes effect at the next login.${distroNote}`,
      command: `sudo usermod -aG ${group} $USER`,
    },
    { title: 'Retry after logging in again', check: 'port-access' },
  ];
}

function otherPermissionSteps(facts: FailureFacts): DiagnosisStep[] {
  if (facts.platform === 'darwin') {
    return [
      {
        title: 'Allow the USB-serial driver in System Settings',
        detail: 'Open System Settings > Privacy & Security and allow the driver (CH34x, CP210x) if macOS blocked it; then unplug and replug the board.',
      },
      { title: 'Use the /dev/cu.* name of the port', detail: 'The /dev/tty.* twin of a port waits for a carrier signal and can refuse to open.', check: 'port-access' },
    ];
  }
  return [
    { title: 'Close other programs that use the port', detail: 'On Windows, a port another program holds is reported as "Access is denied".' },
    { title: 'Reinstall the driver of the USB-serial adapter', check: 'port-access' },
  ];
}

export const permissionDenied: CauseWriter = (facts) => {
  const group = facts.portGroup;
  const evidence = group === undefined
    ? []
    : [item('Port group', group.group), item(`Member of ${group.group}`, group.userIsMember ? 'yes' : 'no')];
  const linux = isLinux(facts);
  return {
    title: `You may not open ${facts.port ?? 'the serial port'}`,
    explanation: linux
      ? `The port belongs to the ${linuxGroup(facts)} group and your user ${group?.userIsMember === true ? 'joined it, but this login session does not have it yet' : 'is not a member'}, so the system refuses to open it.`
      : 'The system refused to open the port for your user.',
    evidence,
    steps: linux ? linuxPermissionSteps(facts) : otherPermissionSteps(facts),
  };
};
