import { remapNameTypes } from './pg-name-type-shim.js';

describe('remapNameTypes (prisma/orm#27403 shim)', () => {
  it('reports name and "char" columns as text, name[] as text[], and leaves others alone', () => {
    const result = { fields: [{ dataTypeID: 19 }, { dataTypeID: 18 }, { dataTypeID: 1003 }, { dataTypeID: 23 }, { dataTypeID: 25 }] };
    expect(remapNameTypes(result).fields.map((field) => field.dataTypeID)).toEqual([25, 25, 1009, 23, 25]);
  });

  it('accepts results without fields (commands)', () => {
    expect(remapNameTypes({ rowCount: 1 })).toEqual({ rowCount: 1 });
    expect(remapNameTypes(undefined)).toBeUndefined();
  });
});
