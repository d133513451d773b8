// Connect to Temporal with one clear line on failure.
import { Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';

export async function connectTemporal(address: string) {
  try {
    const [connection, nativeConnection] = await Promise.all([
      Connection.connect({ address, connectTimeout: '5s' }),
      NativeConnection.connect({ address }),
    ]);
    return { connection, nativeConnection };
  } catch (e) {
    throw new Error(
      `TEMPORAL_ADDRESS: cannot reach Temporal at ${address} (${(e as Error).message.split('\n')[0]}). Start the cluster, fix the address, or unset TEMPORAL_ADDRESS to use the embedded dev server.`,
    );
  }
}
