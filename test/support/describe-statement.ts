import pg from 'pg';

export interface DescribedField {
  name: string;
  typeOid: number;
  /** The column a field comes from (0 when the field is computed). */
  tableOid: number;
  columnNumber: number;
}

export interface StatementDescription {
  paramOids: number[];
  fields: DescribedField[];
}

interface ProtocolConnection {
  parse(query: { text: string; name?: string; types?: number[] }): void;
  describe(message: { type: 'S' | 'P'; name?: string }): void;
  sync(): void;
  once(event: string, listener: (message: never) => void): void;
  removeListener(event: string, listener: (message: never) => void): void;
}

/**
 * Asks PostgreSQL to parse and describe a statement without running it (Parse, Describe, Sync): the
 * server answers with the types of its parameters and of its result columns. Submitted through
 * node-postgres's query queue as a custom submittable, so the client's own handlers stay in charge.
 */
export function describeStatement(client: pg.Client, text: string): Promise<StatementDescription> {
  return new Promise((resolve, reject) => {
    let paramOids: number[] = [];
    let fields: DescribedField[] = [];
    let failure: Error | undefined;
    let connection: ProtocolConnection | undefined;
    const onParameters = (message: never) => {
      paramOids = (message as { dataTypeIDs: number[] }).dataTypeIDs;
    };
    const submittable = {
      submit(target: ProtocolConnection) {
        connection = target;
        target.once('parameterDescription', onParameters);
        target.parse({ text, types: [] });
        target.describe({ type: 'S' });
        target.sync();
      },
      handleRowDescription(message: { fields: Array<{ name: string; dataTypeID: number; tableID: number; columnID: number }> }) {
        fields = message.fields.map((field) => ({ name: field.name, typeOid: field.dataTypeID, tableOid: field.tableID, columnNumber: field.columnID }));
      },
      handleError(error: Error) {
        failure = error;
      },
      handleReadyForQuery() {
        connection?.removeListener('parameterDescription', onParameters);
        if (failure) reject(failure);
        else resolve({ paramOids, fields });
      },
      handleDataRow() {},
      handleCommandComplete() {},
      handleEmptyQuery() {},
      handlePortalSuspended() {},
    };
    void client.query(submittable as unknown as pg.QueryConfig);
  });
}
