// Schema of the local records database. Each entry migrates from user_version i to i + 1;
// append new entries, never edit shipped ones.

export const MIGRATIONS: readonly string[] = [
  // 1: records with the searchable license fields as columns (the full license is JSON), audit trail.
  `CREATE TABLE records (
     id            TEXT PRIMARY KEY,
     owner_openid  TEXT NOT NULL,
     status        TEXT NOT NULL CHECK (status IN ('pending', 'verified', 'rejected')),
     plate_num     TEXT NOT NULL,
     vin           TEXT NOT NULL,
     owner_name    TEXT NOT NULL,
     license       TEXT NOT NULL,
     recognized    TEXT,
     reject_reason TEXT,
     version       INTEGER NOT NULL,
     created_at    TEXT NOT NULL,
     updated_at    TEXT NOT NULL
   );
   CREATE INDEX records_owner_updated ON records (owner_openid, updated_at, id);
   CREATE INDEX records_owner_vin ON records (owner_openid, vin, updated_at, id);
   CREATE INDEX records_status_updated ON records (status, updated_at, id);
   CREATE INDEX records_updated ON records (updated_at, id);
   CREATE TABLE audit (
     id              TEXT PRIMARY KEY,
     record_id       TEXT NOT NULL,
     actor           TEXT NOT NULL,
     action          TEXT NOT NULL,
     at              TEXT NOT NULL,
     previous_status TEXT,
     next_status     TEXT,
     reason          TEXT,
     fields          TEXT
   );
   CREATE INDEX audit_record_at ON audit (record_id, at, id);`,

  // 2: one record per (owner, non-empty VIN), enforced by a unique index instead of a lookup before
  // each insert (which concurrent creates raced past). The index is over vin_key, not vin, because a
  // database written before may already hold duplicates: they are all kept (they are someone's data),
  // the most recently updated of each (owner, VIN) gets vin_key = vin and the others NULL. An
  // unkeyed duplicate stays readable, editable and removable; only a change of its VIN claims a key.
  // records_owner_vin served the old lookup; the unique index replaces it.
  `ALTER TABLE records ADD COLUMN vin_key TEXT;
   UPDATE records SET vin_key = vin
    WHERE vin <> ''
      AND id = (SELECT newest.id FROM records AS newest
                 WHERE newest.owner_openid = records.owner_openid AND newest.vin = records.vin
                 ORDER BY newest.updated_at DESC, newest.id DESC LIMIT 1);
   CREATE UNIQUE INDEX records_owner_vin_key ON records (owner_openid, vin_key) WHERE vin_key IS NOT NULL;
   DROP INDEX records_owner_vin;`,

  // 3: evidence photos kept with their record (JSON array of {side, fileID, attachedAt}; NULL = none)
  // and when the record was last decided (verified or rejected), which starts their retention clock.
  `ALTER TABLE records ADD COLUMN evidence TEXT;
   ALTER TABLE records ADD COLUMN decided_at TEXT;
   CREATE INDEX records_evidence_due ON records (decided_at, id) WHERE evidence IS NOT NULL;`,
]
