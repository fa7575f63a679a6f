import { ref, watch } from 'vue';
import { useJobStore } from '../stores/job-store';
import { useMonitorStore } from '../stores/monitor-store';
import { useNavStore } from '../stores/nav-store';
import { usePortsStore } from '../stores/ports-store';

/**
 * "Flash & monitor": flash, and when the job succeeds open the monitor on the same port and
 * show it. A monitor already open on that port is paused by the service while the flasher
 * borrows the port and resumes by itself, so it is only shown, not reopened.
 */
export function useFlashAndMonitor() {
  const job = useJobStore();
  const monitor = useMonitorStore();
  const nav = useNavStore();
  const ports = usePortsStore();
  /** Between the click and the monitor opening (or the flash failing). */
  const pending = ref(false);

  function jobEnded(): Promise<void> {
    if (!job.running) return Promise.resolve();
    return new Promise((resolve) => {
      const stop = watch(
        () => job.running,
        (running) => {
          if (running) return;
          stop();
          resolve();
        },
      );
    });
  }

  async function flashAndMonitor(): Promise<boolean> {
    const port = ports.selectedPath;
    if (port === undefined || pending.value || job.running) return false;
    pending.value = true;
    try {
      if (!(await job.flash())) return false;
      await jobEnded();
      const state = job.current;
      if (state?.kind !== 'flash' || state.status !== 'succeeded' || state.port !== port) return false;
      const opened = await monitor.openOn(port);
      nav.show('monitor');
      return opened;
    } finally {
      pending.value = false;
    }
  }

  return { pending, flashAndMonitor };
}
