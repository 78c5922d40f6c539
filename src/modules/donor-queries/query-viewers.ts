export interface Viewer {
  id: string;
  name: string;
}

/** Who is looking at which query, per socket (a user with two tabs counts once). In-process only. */
export class QueryViewers {
  private readonly byQuery = new Map<string, Map<string, Viewer>>();

  add(queryId: string, socketId: string, viewer: Viewer): Viewer[] {
    const sockets = this.byQuery.get(queryId) ?? new Map<string, Viewer>();
    sockets.set(socketId, viewer);
    this.byQuery.set(queryId, sockets);
    return this.list(queryId);
  }

  remove(queryId: string, socketId: string): Viewer[] {
    const sockets = this.byQuery.get(queryId);
    sockets?.delete(socketId);
    if (sockets?.size === 0) this.byQuery.delete(queryId);
    return this.list(queryId);
  }

  /** Queries the socket was viewing, so a disconnect can leave them all. */
  queriesOf(socketId: string): string[] {
    return [...this.byQuery].filter(([, sockets]) => sockets.has(socketId)).map(([queryId]) => queryId);
  }

  list(queryId: string): Viewer[] {
    const unique = new Map<string, Viewer>();
    for (const viewer of this.byQuery.get(queryId)?.values() ?? []) unique.set(viewer.id, viewer);
    return [...unique.values()];
  }
}
