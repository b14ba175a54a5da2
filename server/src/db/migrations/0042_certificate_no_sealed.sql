-- 特种作业操作证 numbers are personal data (usually the holder's ID-card number): the server seals certificate_no with
-- SM4 like the phones (platform/personal-data.ts, SEALED) and keeps beside it a keyed SM3 digest for exact-match search
-- and for the "one number per park and type" rule, which can no longer be on the sealed column (random IV). The
-- digest is filled by the server's start-up backfill and on every write: SQL has no key.
--
-- The digest is of the number's letters and digits, upper case (3201…123x and 3201…123X are one number). Numbers
-- that only differed that way would collide when the backfill fills the digest, so they are refused here, by name,
-- before anything changes.
DO $$
DECLARE
  dup text;
BEGIN
  SELECT string_agg(DISTINCT certificate_no, '、') INTO dup
    FROM (
      SELECT certificate_no,
             count(*) OVER (PARTITION BY park_id, certificate_type,
                            upper(regexp_replace(certificate_no, '[^0-9A-Za-z]', '', 'g'))) AS n
        FROM certificates
       WHERE certificate_no NOT LIKE 'sm4:%'
    ) c
   WHERE n > 1;
  IF dup IS NOT NULL THEN
    RAISE EXCEPTION '特种作业证书编号仅大小写或分隔符不同，视为同一编号，请先合并或更正后再升级：%', dup;
  END IF;
END $$;

ALTER TABLE certificates ADD COLUMN certificate_no_digest text;
ALTER TABLE certificates DROP CONSTRAINT IF EXISTS certificates_park_id_certificate_type_certificate_no_key;
CREATE UNIQUE INDEX certificates_no_digest ON certificates (park_id, certificate_type, certificate_no_digest);
