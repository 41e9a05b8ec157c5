#!/usr/bin/env bash
# Checks the team schema (crates/store/pg/*.sql) against a PostgreSQL
# server: the record rules, search_hits, the role rules, and the whole
# role × table × operation matrix of docs/TEAM-RULES.md, each cell tried as
# each login and printed (role, table, operation, expected, got).
#
#   scripts/with-postgres.sh crates/store/pg/check.sh
#
# Needs AMICUS_TEST_PG (a libpq connection string for a superuser, as
# scripts/with-postgres.sh exports) on a server where the login roles it
# creates (dana, avery, sam, ada, and olive, who owns the schema without
# being an administrator, as the IT login of the README does before `team
# init` makes it one) connect without a password (trust), i.e. a throwaway
# server. Creates and drops the databases amicus_check_t1 and
# amicus_check_t2; can be run again. Exits non-zero if any expectation fails.
set -uo pipefail
: "${AMICUS_TEST_PG:?AMICUS_TEST_PG is not set: run this under scripts/with-postgres.sh}"

HERE=$(cd "$(dirname "$0")" && pwd)
T1=amicus_check_t1
T2=amicus_check_t2
ADMIN="$AMICUS_TEST_PG dbname=postgres"
PG1="$AMICUS_TEST_PG dbname=$T1"
as() { echo "$AMICUS_TEST_PG user=$1 dbname=$T1"; }

passed=0
failed=0
ok() { passed=$((passed + 1)); echo "ok    $1"; }
bad() {
  failed=$((failed + 1)); echo "FAIL  $1"
  [ -n "${2:-}" ] && printf '%s\n' "$2" | sed 's/^/      | /'
}

# Runs SQL (one or more statements) on a connection; prints output and errors
# (errors as "ERROR:  SQLSTATE: message").
run() {
  printf '\\set VERBOSITY verbose\n%s\n' "$2" | psql -X -q -At -v ON_ERROR_STOP=1 "$1" 2>&1
}
apply() { psql -X -q -v ON_ERROR_STOP=1 "$1" -f "$2" 2>&1; }

expect_ok() { # NAME CONN SQL
  local out
  if out=$(run "$2" "$3"); then ok "$1"; else bad "$1" "$out"; fi
}
expect_value() { # NAME CONN EXPECTED SQL
  local out
  if out=$(run "$2" "$4") && [ "$out" = "$3" ]; then ok "$1"; else bad "$1" "expected: $3"$'\n'"got: $out"; fi
}
expect_error() { # NAME CONN SQLSTATE MESSAGE SQL
  local out
  if out=$(run "$2" "$5"); then
    bad "$1" "succeeded; expected ERROR $3: $4"$'\n'"$out"
  elif printf '%s' "$out" | grep -qF "ERROR:  $3: " && printf '%s' "$out" | grep -qF "$4"; then
    ok "$1 ($3)"
  else
    bad "$1" "expected ERROR $3: $4"$'\n'"got: $out"
  fi
}

echo "== setup"
run "$ADMIN" "DROP DATABASE IF EXISTS $T1 WITH (FORCE); DROP DATABASE IF EXISTS $T2 WITH (FORCE);
              DROP ROLE IF EXISTS dana; DROP ROLE IF EXISTS avery; DROP ROLE IF EXISTS sam; DROP ROLE IF EXISTS ada;
              DROP ROLE IF EXISTS olive; CREATE ROLE olive LOGIN CREATEROLE;
              CREATE DATABASE $T1 OWNER olive; CREATE DATABASE $T2 OWNER olive;" >/dev/null \
  || { echo "cannot create the check databases"; exit 1; }

steps=()
for db in "$T1" "$T2"; do
  for f in "$HERE"/[0-9][0-9]-*.sql; do steps+=("$db $(basename "$f")"); done
done
steps+=("$T1 02-roles.sql")  # a second run changes nothing
for step in "${steps[@]}"; do
  set -- $step
  if out=$(apply "$AMICUS_TEST_PG user=olive dbname=$1" "$HERE/$2"); then
    ok "apply $2 to $1"
  else
    bad "apply $2 to $1" "$out"
  fi
done
if [ "$failed" -gt 0 ]; then
  echo "the schema did not apply; stopping"; exit 1
fi
expect_value "the four group roles exist, NOLOGIN" "$PG1" "4" \
  "SELECT count(*) FROM pg_roles WHERE rolname LIKE 'amicus\_%' AND NOT rolcanlogin"
expect_value "admin is a member of approver, signer and drafter" "$PG1" "t" \
  "SELECT pg_has_role('amicus_admin','amicus_approver','member') AND pg_has_role('amicus_admin','amicus_signer','member')
      AND pg_has_role('amicus_admin','amicus_drafter','member') AND pg_has_role('amicus_signer','amicus_drafter','member')
      AND NOT pg_has_role('amicus_drafter','amicus_approver','member')"
expect_value "DELETE is granted on exactly the tables the store deletes from" "$PG1" \
  "letter_recipients,local_offices,paragraphs,saved_list_members,saved_lists,terms" \
  "SELECT string_agg(c.relname, ',' ORDER BY c.relname) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE n.nspname = 'public' AND c.relkind = 'r' AND has_table_privilege('amicus_drafter', c.oid, 'DELETE')"
expect_value "INSERT without UPDATE: exactly events, archive, signed_copies, copy_contacts, reply_files" "$PG1" \
  "archive,copy_contacts,events,reply_files,signed_copies" \
  "SELECT string_agg(c.relname, ',' ORDER BY c.relname) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE n.nspname = 'public' AND c.relkind = 'r' AND has_table_privilege('amicus_drafter', c.oid, 'INSERT')
     AND NOT has_table_privilege('amicus_drafter', c.oid, 'UPDATE')"
expect_value "every role reads every table; none may TRUNCATE, REFERENCES or TRIGGER" "$PG1" "t|f" \
  "SELECT bool_and(has_table_privilege(r, c.oid, 'SELECT')),
          bool_or(has_table_privilege(r, c.oid, 'TRUNCATE') OR has_table_privilege(r, c.oid, 'REFERENCES')
                  OR has_table_privilege(r, c.oid, 'TRIGGER'))
   FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace,
        unnest(ARRAY['amicus_drafter','amicus_approver','amicus_signer','amicus_admin']) r
   WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname <> 'amicus_warrants'"
expect_value "no role reads or writes amicus_warrants (only the record's own functions do)" "$PG1" "f" \
  "SELECT bool_or(has_table_privilege(r, 'amicus_warrants', 'SELECT, INSERT, UPDATE, DELETE')
                  OR has_function_privilege(r, 'amicus_warrant(bigint, bigint, text)', 'EXECUTE'))
   FROM unnest(ARRAY['amicus_drafter','amicus_approver','amicus_signer','amicus_admin']) r"

# Fixtures, as the superuser.
FIX="
INSERT INTO templates (key, version, builtin, meta, source, created_at) VALUES ('plain', 1, 1, '{}', 'src', '2024-01-01T00:00:00Z');
INSERT INTO signers (name, title, signature) VALUES ('Pat Signer', 'President', '\\x89504e47');
INSERT INTO organizations (name) VALUES ('Department of Commerce');
INSERT INTO persons (full_name, family_name, email, created_at, updated_at)
  VALUES ('José Martínez', 'Martínez', 'jose.martinez@ustr.gov', '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z'),
         ('JOSÉ ÁLVAREZ', 'ÁLVAREZ', NULL, '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z');
INSERT INTO offices (title, short_name, organization_id, kind) VALUES ('Secretary of Commerce', 'Commerce', 1, 'cabinet_secretary');
BEGIN;
INSERT INTO letters (template_id, signer_id, date, subject, body, mode, created_at, updated_at)
  VALUES (1, 1, '2024-03-01', 'Tariffs on Korean steel',
          'We write about the KORUS agreement and the steel tariffs imposed last year on imports from Korea, which hurt our members and their workers across the country.',
          'per_recipient', '2024-03-01T10:00:00Z', '2024-03-01T10:00:00Z');
INSERT INTO events (letter_id, kind, at) VALUES (1, 'created', '2024-03-01T10:00:00Z');
INSERT INTO letter_recipients (letter_id, ord, letter_date, role, person_id, office_id)
  VALUES (1, 0, '2024-03-01', 'to', 1, 1), (1, 1, '2024-03-01', 'cc', 2, NULL);
COMMIT;
BEGIN;
UPDATE letters SET status = 'approved' WHERE id = 1;
INSERT INTO events (letter_id, kind, at) VALUES (1, 'approved', '2024-03-01T10:30:00Z');
COMMIT;
BEGIN;
UPDATE letters SET status = 'signed', signature = (SELECT signature FROM signers WHERE id = 1) WHERE id = 1;
INSERT INTO signed_copies (letter_id, copy, pdf, sha256, signer, signed_at) VALUES (1, 0, '\\x25504446', repeat('a', 64), 'Pat Signer', '2024-03-01T11:00:00Z');
INSERT INTO events (letter_id, kind, at) VALUES (1, 'signed', '2024-03-01T11:00:00Z');
COMMIT;
BEGIN;
UPDATE letter_recipients SET method = 'mail', sent_at = '2024-03-02T09:00:00Z' WHERE letter_id = 1 AND ord = 0;
UPDATE letters SET status = 'sent', updated_at = '2024-03-02T09:00:00Z' WHERE id = 1;
INSERT INTO archive (letter_id, recipient_id, pdf, sha256, data, created_at)
  VALUES (1, 1, '\\x255044462d', repeat('b', 64), '{}', '2024-03-02T09:00:00Z');
INSERT INTO events (letter_id, recipient_id, kind, at, detail) VALUES (1, 1, 'sent', '2024-03-02T09:00:00Z', 'mail');
COMMIT;
BEGIN;
INSERT INTO letters (template_id, signer_id, date, subject, body, mode, created_at, updated_at)
  VALUES (1, 1, '2024-04-01', 'A draft about dairy', 'Milk quotas.', 'joint', '2024-04-01T10:00:00Z', '2024-04-01T10:00:00Z');
INSERT INTO events (letter_id, kind, at) VALUES (2, 'created', '2024-04-01T10:00:00Z');
INSERT INTO letter_recipients (letter_id, ord, letter_date, role, person_id) VALUES (2, 0, '2024-04-01', 'to', 1);
COMMIT;
"
expect_ok "fixtures: a letter taken to sent, a draft (as superuser, each step with its event)" "$PG1" "$FIX"

echo "== the record is final"
expect_error "UPDATE subject of a sent letter" "$PG1" AM001 "a sent letter cannot be edited" \
  "UPDATE letters SET subject = 'Changed' WHERE id = 1"
expect_error "UPDATE body to the same text (listed column)" "$PG1" AM001 "a sent letter cannot be edited" \
  "UPDATE letters SET body = body WHERE id = 1"
expect_error "UPDATE signature of a sent letter" "$PG1" AM001 "a sent letter cannot be edited" \
  "UPDATE letters SET signature = NULL WHERE id = 1"
expect_error "UPDATE status of a sent letter back to draft" "$PG1" AM001 "a sent letter cannot be edited" \
  "UPDATE letters SET status = 'draft' WHERE id = 1"
expect_ok "UPDATE status/updated_at of a sent letter (mark the next copy sent)" "$PG1" \
  "UPDATE letters SET status = 'sent', updated_at = '2024-03-03T09:00:00Z' WHERE id = 1"
expect_ok "mark the second copy of a sent letter sent (copy, archive, event)" "$PG1" \
  "BEGIN;
   UPDATE letter_recipients SET method = 'email', sent_at = '2024-03-03T09:00:00Z', confirmation = 'ok',
          follow_up_on = '2024-04-01' WHERE letter_id = 1 AND ord = 1;
   INSERT INTO archive (letter_id, recipient_id, pdf, sha256, data, created_at)
     VALUES (1, 2, '\\x255044462d', repeat('b', 64), '{}', '2024-03-03T09:00:00Z');
   INSERT INTO events (letter_id, recipient_id, kind, at, detail) VALUES (1, 2, 'sent', '2024-03-03T09:00:00Z', 'email (ok)');
   COMMIT;
   BEGIN;
   UPDATE letter_recipients SET reply_on = '2024-03-20', reply_notes = 'thanks', follow_up_on = NULL WHERE letter_id = 1 AND ord = 1;
   INSERT INTO events (letter_id, recipient_id, kind, at, detail) VALUES (1, 2, 'replied', '2024-03-20T09:00:00Z', 'thanks');
   COMMIT"
expect_error "DELETE a sent letter's recipient" "$PG1" AM001 "a sent letter cannot be edited" \
  "DELETE FROM letter_recipients WHERE letter_id = 1 AND ord = 1"
expect_error "INSERT INTO archive a second PDF of a sent copy (superuser)" "$PG1" AM001 "archived only as the copy is marked sent" \
  "INSERT INTO archive (letter_id, recipient_id, pdf, sha256, data, created_at)
   VALUES (1, 1, '\\x255044462d', repeat('b', 64), '{}', '2024-03-02T09:00:00Z')"
expect_error "UPDATE archive" "$PG1" AM001 "archived letters cannot be changed" "UPDATE archive SET data = '{}'"
expect_error "DELETE FROM archive" "$PG1" AM001 "archived letters cannot be deleted" "DELETE FROM archive"
expect_error "TRUNCATE archive" "$PG1" AM001 "archived letters cannot be deleted" "TRUNCATE archive"
expect_error "UPDATE signed_copies" "$PG1" AM001 "a signed copy cannot be changed" "UPDATE signed_copies SET signer = 'x'"
expect_error "DELETE FROM signed_copies" "$PG1" AM001 "a signed copy cannot be deleted" "DELETE FROM signed_copies"
expect_error "TRUNCATE signed_copies" "$PG1" AM001 "a signed copy cannot be deleted" "TRUNCATE signed_copies"
expect_error "UPDATE events" "$PG1" AM001 "the letter history cannot be changed" "UPDATE events SET detail = 'x'"
expect_error "DELETE FROM events" "$PG1" AM001 "the letter history cannot be changed" "DELETE FROM events"
expect_error "TRUNCATE events" "$PG1" AM001 "the letter history cannot be changed" "TRUNCATE events"
expect_value "archive, signed copies and events still there" "$PG1" "2|1|7" \
  "SELECT (SELECT count(*) FROM archive), (SELECT count(*) FROM signed_copies), (SELECT count(*) FROM events)"
expect_value "the actor of an event defaults to the login" "$PG1" "postgres" "SELECT actor FROM events WHERE id = 1"
expect_ok "follow-up work: a snooze, a call, a reply PDF (each change with its event)" "$PG1" \
  "BEGIN;
   UPDATE letter_recipients SET follow_up_on = '2024-04-08' WHERE id = 1;
   INSERT INTO events (letter_id, recipient_id, kind, at, detail) VALUES (1, 1, 'snoozed', '2024-03-10T09:00:00Z', '2024-04-01 → 2024-04-08');
   INSERT INTO copy_contacts (letter_id, recipient_id, on_date, kind, who, at) VALUES (1, 1, '2024-03-10', 'call', 'Jane Roe', '2024-03-10T09:00:00Z');
   INSERT INTO reply_files (letter_id, recipient_id, file_name, pdf, sha256, at) VALUES (1, 1, 'reply.pdf', '\\x255044462d', repeat('c', 64), '2024-03-10T09:00:00Z');
   INSERT INTO events (letter_id, recipient_id, kind, at, detail) VALUES (1, 1, 'reply_attached', '2024-03-10T09:00:00Z', 'reply.pdf');
   COMMIT"
expect_error "an event of no known kind" "$PG1" 23514 "events_kind_check" \
  "INSERT INTO events (letter_id, kind, at) VALUES (1, 'snoozing', 'x')"
expect_error "UPDATE copy_contacts" "$PG1" AM001 "the letter history cannot be changed" "UPDATE copy_contacts SET notes = 'x'"
expect_error "DELETE FROM copy_contacts" "$PG1" AM001 "the letter history cannot be changed" "DELETE FROM copy_contacts"
expect_error "UPDATE reply_files" "$PG1" AM001 "an attached reply cannot be changed" "UPDATE reply_files SET file_name = 'x.pdf'"
expect_error "TRUNCATE reply_files" "$PG1" AM001 "an attached reply cannot be deleted" "TRUNCATE reply_files"
expect_value "a draft's recipients follow its date" "$PG1" "2024-04-15" \
  "BEGIN; UPDATE letters SET date = '2024-04-15' WHERE id = 2;
   INSERT INTO events (letter_id, kind, at) VALUES (2, 'edited', 'x'); COMMIT;
   SELECT letter_date FROM letter_recipients WHERE letter_id = 2"
expect_ok "a draft can be edited and its recipients replaced" "$PG1" \
  "BEGIN; UPDATE letters SET subject = 'A draft about dairy quotas', status = 'draft', signature = NULL WHERE id = 2;
   DELETE FROM letter_recipients WHERE letter_id = 2;
   INSERT INTO letter_recipients (letter_id, ord, letter_date, role, office_id) VALUES (2, 0, '2024-04-15', 'to', 1);
   INSERT INTO events (letter_id, kind, at) VALUES (2, 'edited', 'x'); COMMIT"
expect_error "CHECK: letters.status" "$PG1" 23514 'violates check constraint' "UPDATE letters SET status = 'lost' WHERE id = 2"
expect_error "CHECK: sent_at and method together" "$PG1" 23514 'violates check constraint' \
  "UPDATE letter_recipients SET method = 'mail' WHERE letter_id = 2"
expect_error "UNIQUE: saved list names ignore case" "$PG1" 23505 'saved_lists_name_nocase' \
  "INSERT INTO saved_lists (name, created_at) VALUES ('KORUS principals', 'x'), ('korus PRINCIPALS', 'x')"
expect_error "UNIQUE: paragraph titles ignore case" "$PG1" 23505 'paragraphs_title_nocase' \
  "INSERT INTO paragraphs (title, body, created_at, updated_at) VALUES ('By the numbers', 'b', 'x', 'x'), ('BY THE NUMBERS', 'b', 'x', 'x')"
expect_ok "an import keeps its ids (identity BY DEFAULT) and moves the sequence on" "$PG1" \
  "INSERT INTO issues (id, name) VALUES (40, 'Steel'); SELECT setval(pg_get_serial_sequence('issues', 'id'), 40);
   INSERT INTO issues (name) VALUES ('Dairy')"
expect_value "a position is indexed under its issue's name" "$PG1" "167" \
  "INSERT INTO positions (id, issue_id, version, stance, adopted_on, statement) VALUES (41, 40, 1, 'oppose', '2024-01-01', 'Section 232 duties');
   SELECT rowid FROM search WHERE title = 'Steel'"

echo "== search"
hits() { echo "SELECT coalesce(string_agg(rowid::text, ',' ORDER BY rowid DESC), '-') FROM search_hits($1, 10)"; }
# rowids: letter 1 = 4, letter 2 = 8, José Martínez = 5, JOSÉ ÁLVAREZ = 9, the office = 6, position 41 = 167.
expect_value "jose finds José Martínez and JOSÉ ÁLVAREZ" "$PG1" "9,5" "$(hits "ARRAY['jose']")"
expect_value "JOSÉ finds both too" "$PG1" "9,5" "$(hits "ARRAY['JOSÉ']")"
expect_value "jose martinez finds one" "$PG1" "5" "$(hits "ARRAY['jose','martinez']")"
expect_value "alvarez (accent folded) finds ÁLVAREZ" "$PG1" "9" "$(hits "ARRAY['alvarez']")"
expect_value "tariff finds 'Tariffs on Korean steel' (stem)" "$PG1" "4" "$(hits "ARRAY['tariff']")"
expect_value "tariffs finds it too" "$PG1" "4" "$(hits "ARRAY['tariffs']")"
expect_value "tar finds it (prefix)" "$PG1" "4" "$(hits "ARRAY['tar']")"
expect_value "kor finds it (prefix)" "$PG1" "4" "$(hits "ARRAY['kor']")"
expect_value "steel kor finds it" "$PG1" "4" "$(hits "ARRAY['steel','kor']")"
expect_value "kor steel: only the last word is a prefix" "$PG1" "-" "$(hits "ARRAY['kor','steel']")"
expect_value "korus finds it in the body" "$PG1" "4" "$(hits "ARRAY['KORUS']")"
expect_value "ustr finds the person by a part of the e-mail address" "$PG1" "5" "$(hits "ARRAY['ustr']")"
expect_value "commerce finds the office" "$PG1" "6" "$(hits "ARRAY['commerce']")"
expect_value "section finds the position" "$PG1" "167" "$(hits "ARRAY['section']")"
expect_value "quotas finds the edited draft (index follows edits)" "$PG1" "8" "$(hits "ARRAY['quota']")"
expect_value "the (no stop words, as FTS5) finds the letter" "$PG1" "4" "$(hits "ARRAY['the']")"
expect_value "limit" "$PG1" "9" "SELECT string_agg(rowid::text, ',') FROM search_hits(ARRAY['jose'], 1)"
expect_value "one text parameter split on the server (types inferred, as a prepared statement)" "$PG1" "4" \
  "PREPARE q AS SELECT rowid FROM search_hits(string_to_array(\$1, ' '), \$2); EXECUTE q('steel kor', 10)"
for w in "'a&b'" "''''" "'x:*|!'" "'a\\b'" "''" "'&'" "'(('" "NULL"; do
  expect_value "tsquery syntax is text: ARRAY[$w]" "$PG1" "-" "$(hits "ARRAY[$w]::text[]")"
done
expect_value "no words" "$PG1" "-" "$(hits "ARRAY[]::text[]")"
expect_value "snippet and in_title: tariff" "$PG1" "[Tariffs] on Korean steel|t" \
  "SELECT snippet, in_title FROM search_hits(ARRAY['tariff'], 10)"
expect_value "snippet and in_title: josé mart (person)" "$PG1" "[José] [Martínez]|t" \
  "SELECT snippet, in_title FROM search_hits(ARRAY['josé','mart'], 10)"
expect_value "snippet from the body, cut with …" "$PG1" "…from Korea, which hurt our [members] and their [workers] across the country.|f" \
  "SELECT snippet, in_title FROM search_hits(ARRAY['members','work'], 10)"
expect_value "snippet inside an e-mail address" "$PG1" "jose.martinez@[ustr].gov|f" \
  "SELECT snippet, in_title FROM search_hits(ARRAY['ustr'], 10)"
out=$(run "$PG1" "SET enable_seqscan = off; EXPLAIN SELECT rowid FROM search WHERE doc @@ to_tsquery('amicus_search', 'kor:*')")
if printf '%s' "$out" | grep -q search_by_doc; then ok "the search's @@ can use search_by_doc"; else bad "the search's @@ can use search_by_doc" "$out"; fi

echo "== search: the walk and the index find the same rows"
# 20,000 letters in the second database. Which way search_hits takes
# depends on how common the words are among the newest 1000 rows:
# alpha (every 2nd letter) fills the page in the first walk; charlie
# (every 25th) is common enough for a longer walk; delta (every 400th) is
# left to the index; echo (every 25th among the newest 1000, then every
# 1000th) is walked and then found in the index. Each must give exactly
# the 50 newest matches, in order.
PG2="$AMICUS_TEST_PG dbname=$T2"
expect_ok "20,000 letters (a bulk load, as team import)" "$PG2" \
  "BEGIN; SELECT amicus_begin_import();
   INSERT INTO templates (key, version, builtin, meta, source, created_at) VALUES ('t', 1, 1, '{}', '', 'x');
   INSERT INTO signers (name) VALUES ('S');
   INSERT INTO letters (template_id, signer_id, date, subject, body, mode, created_at, updated_at)
   SELECT 1, 1, '2024-01-01', 'Letter ' || i,
          concat_ws(' ', 'words', CASE WHEN i % 2 = 0 THEN 'alpha' END, CASE WHEN i % 25 = 0 THEN 'charlie' END,
                    CASE WHEN i % 400 = 0 THEN 'delta' END,
                    CASE WHEN (i > 19000 AND i % 25 = 0) OR i % 1000 = 7 THEN 'echo' END),
          'joint', 'x', 'x'
   FROM generate_series(1, 20000) i;
   COMMIT;
   ANALYZE search"
for pair in "alpha|" "charlie|a walk of" "delta|the index" "echo|a walk of.*the index" "words charlie|a walk of"; do
  words=${pair%%|*} path=${pair#*|}
  arr="ARRAY['${words// /\',\'}']"
  expected=$(run "$PG2" "SELECT string_agg(rowid::text, ',' ORDER BY rowid DESC) FROM (SELECT rowid FROM search
                 WHERE doc @@ to_tsquery('amicus_search', '${words// / \& }:*') ORDER BY rowid DESC LIMIT 50) x")
  got=$(run "$PG2" "SET client_min_messages = debug1;
                    SELECT string_agg(rowid::text, ',' ORDER BY rowid DESC) FROM search_hits($arr, 50)")
  rows=$(printf '%s\n' "$got" | grep -v -e DEBUG -e LOCATION)
  how=$(printf '%s\n' "$got" | grep DEBUG | tr '\n' ' ')
  if [ -n "$expected" ] && [ "$rows" = "$expected" ] && { [ -n "$path" ] && printf '%s' "$how" | grep -q "$path" || [ -z "$path$how" ]; }; then
    ok "search_hits($words): the 50 newest matches${path:+, by $path}"
  else
    bad "search_hits($words)" "expected: $expected (${path:-first walk})"$'\n'"got: $rows ($how)"
  fi
done

expect_ok "a 600-word letter with 'zebra' as its 400th word" "$PG2" \
  "BEGIN;
   INSERT INTO letters (template_id, signer_id, date, subject, body, mode, created_at, updated_at)
   SELECT 1, 1, '2024-01-01', 'Long', string_agg(CASE WHEN i = 400 THEN 'zebra' ELSE 'word' || i END, ' ' ORDER BY i),
          'joint', 'x', 'x' FROM generate_series(1, 600) i;
   INSERT INTO events (letter_id, kind, at) SELECT max(id), 'created', 'x' FROM letters;
   COMMIT"
expect_value "a long letter is quoted around its match, as if read whole" "$PG2" \
  "…word395 word396 word397 word398 word399 [zebra] word401 word402 word403 word404 word405 word406…" \
  "SELECT snippet FROM search_hits(ARRAY['zebra'], 10)"
expect_value "…and around a match near its start or end" "$PG2" \
  "word1 word2 word3 word4 word5 [word6] word7 word8 word9 word10 word11 word12…|…word595 word596 word597 word598 word599 [word600]" \
  "SELECT (SELECT snippet FROM search_hits(ARRAY['word6'], 1)) || '|' || (SELECT snippet FROM search_hits(ARRAY['word600'], 1))"

echo "== roles"
expect_ok "login roles: dana drafter, avery approver, sam signer, ada admin" "$ADMIN" \
  "CREATE ROLE dana LOGIN IN ROLE amicus_drafter; CREATE ROLE avery LOGIN IN ROLE amicus_approver;
   CREATE ROLE sam LOGIN IN ROLE amicus_signer; CREATE ROLE ada LOGIN IN ROLE amicus_admin"
NEWLETTER="BEGIN; INSERT INTO letters (template_id, signer_id, date, subject, body, mode, created_at, updated_at)
  VALUES (1, 1, '2024-05-01', '%s', 'Body.', 'joint', '2024-05-01T10:00:00Z', '2024-05-01T10:00:00Z');
  INSERT INTO events (letter_id, kind, at) SELECT id, 'created', created_at FROM letters WHERE subject = '%s';
  INSERT INTO letter_recipients (letter_id, ord, letter_date, role, person_id)
    SELECT id, 0, '2024-05-01', 'to', 1 FROM letters WHERE subject = '%s'; COMMIT;"
id_of() { echo "(SELECT id FROM letters WHERE subject = '$1')"; }
# shellcheck disable=SC2059
expect_ok "dana creates a letter (letter + 'created' event)" "$(as dana)" "$(printf "$NEWLETTER" dana1 dana1 dana1)"
expect_value "the event's actor is dana" "$PG1" "dana" "SELECT actor FROM events WHERE letter_id = $(id_of dana1)"
expect_value "dana cannot name another actor" "$(as dana)" "dana" \
  "INSERT INTO events (letter_id, kind, at, actor) VALUES ($(id_of dana1), 'exported', 'x', 'avery') RETURNING actor"
expect_error "dana approves" "$(as dana)" 42501 "permission denied: only an approver may approve a letter" \
  "UPDATE letters SET status = 'approved' WHERE id = $(id_of dana1)"
expect_error "dana inserts an approved letter" "$(as dana)" 42501 "permission denied: only an approver may approve a letter" \
  "INSERT INTO letters (template_id, signer_id, date, subject, body, mode, status, created_at, updated_at)
   VALUES (1, 1, '2024-05-01', 'sneaky', 'b', 'joint', 'approved', 'x', 'x')"
expect_error "dana skips to sent" "$(as dana)" 42501 "permission denied: only a signed letter can be sent" \
  "UPDATE letters SET status = 'sent' WHERE id = $(id_of dana1)"
expect_error "dana: DELETE FROM archive" "$(as dana)" 42501 "permission denied for table archive" "DELETE FROM archive"
expect_error "dana: DELETE FROM events" "$(as dana)" 42501 "permission denied for table events" "DELETE FROM events"
expect_error "dana: DELETE FROM letters" "$(as dana)" 42501 "permission denied for table letters" "DELETE FROM letters WHERE id = 2"
expect_error "dana: TRUNCATE letter_recipients" "$(as dana)" 42501 "permission denied for table letter_recipients" "TRUNCATE letter_recipients"
expect_error "dana: UPDATE archive" "$(as dana)" 42501 "permission denied for table archive" "UPDATE archive SET data = ''"
expect_error "dana: CREATE TABLE" "$(as dana)" 42501 "permission denied for schema public" "CREATE TABLE mine (x int)"
expect_error "dana: ALTER TABLE" "$(as dana)" 42501 "must be owner of table letters" "ALTER TABLE letters DISABLE TRIGGER USER"
expect_error "dana: signed copy" "$(as dana)" 42501 "permission denied: only a signer may sign a letter" \
  "INSERT INTO signed_copies (letter_id, copy, pdf, sha256, signer, signed_at) VALUES ($(id_of dana1), 0, '\\x00', 'x', 'x', 'x')"
expect_ok "dana: the store's own writes (settings upsert, saved list, paragraph, roster delete)" "$(as dana)" \
  "INSERT INTO settings (key, value) VALUES ('paper', '\"letter\"') ON CONFLICT (key) DO UPDATE SET value = excluded.value;
   INSERT INTO settings (key, value) VALUES ('paper', '\"a4\"') ON CONFLICT (key) DO UPDATE SET value = excluded.value;
   INSERT INTO saved_lists (name, created_at) VALUES ('Dana list', 'x');
   INSERT INTO saved_list_members (list_id, ord, person_id) SELECT id, 0, 1 FROM saved_lists WHERE name = 'Dana list';
   DELETE FROM saved_list_members WHERE list_id = (SELECT id FROM saved_lists WHERE name = 'Dana list');
   DELETE FROM saved_lists WHERE name = 'Dana list';
   INSERT INTO paragraphs (title, body, created_at, updated_at) VALUES ('Dana para', 'b', 'x', 'x');
   DELETE FROM paragraphs WHERE title = 'Dana para';
   INSERT INTO persons (full_name, family_name, created_at, updated_at) VALUES ('Kim Lee', 'Lee', 'x', 'x');
   UPDATE persons SET email = 'kim@example.org' WHERE full_name = 'Kim Lee'"
expect_value "dana's person is searchable (triggers write search as dana)" "$(as dana)" "Kim Lee|kim@[example].org" \
  "SELECT title, (SELECT snippet FROM search_hits(ARRAY['example'], 10)) FROM search_hits(ARRAY['kim'], 10)"
expect_ok "avery approves dana's letter" "$(as avery)" \
  "BEGIN; UPDATE letters SET status = 'approved' WHERE id = $(id_of dana1);
   INSERT INTO events (letter_id, kind, at) VALUES ($(id_of dana1), 'approved', 'x'); COMMIT"
expect_value "the 'approved' event's actor is avery" "$PG1" "avery" \
  "SELECT actor FROM events WHERE letter_id = $(id_of dana1) AND kind = 'approved'"
expect_error "avery signs" "$(as avery)" 42501 "permission denied: only a signer may sign a letter" \
  "UPDATE letters SET status = 'signed' WHERE id = $(id_of dana1)"
expect_ok "sam signs (status, signature, signed copy)" "$(as sam)" \
  "BEGIN; UPDATE letters SET status = 'signed', signature = (SELECT s.signature FROM signers s WHERE s.id = letters.signer_id)
   WHERE id = $(id_of dana1);
   INSERT INTO signed_copies (letter_id, copy, pdf, sha256, signer, signed_at) VALUES ($(id_of dana1), 0, '\\x00', 'x', 'sam', 'x');
   INSERT INTO events (letter_id, kind, at) VALUES ($(id_of dana1), 'signed', 'x'); COMMIT"
expect_ok "dana sends it (recipient, status, archive)" "$(as dana)" \
  "BEGIN;
   UPDATE letter_recipients SET method = 'mail', sent_at = 'x' WHERE letter_id = $(id_of dana1);
   UPDATE letters SET status = 'sent' WHERE id = $(id_of dana1);
   INSERT INTO archive (letter_id, recipient_id, pdf, sha256, data, created_at)
   SELECT $(id_of dana1), id, '\\x00', repeat('c', 64), '{}', 'x' FROM letter_recipients WHERE letter_id = $(id_of dana1);
   INSERT INTO events (letter_id, recipient_id, kind, at, detail)
   SELECT $(id_of dana1), id, 'sent', 'x', 'mail' FROM letter_recipients WHERE letter_id = $(id_of dana1);
   COMMIT"

echo "== four eyes"
expect_error "dana turns four_eyes on" "$(as dana)" 42501 "permission denied: only an administrator may change the four-eyes rule" \
  "INSERT INTO settings (key, value) VALUES ('four_eyes', 'true') ON CONFLICT (key) DO UPDATE SET value = excluded.value"
expect_ok "ada (admin) turns four_eyes on" "$(as ada)" \
  "INSERT INTO settings (key, value) VALUES ('four_eyes', 'true') ON CONFLICT (key) DO UPDATE SET value = excluded.value"
expect_error "dana turns four_eyes off" "$(as dana)" 42501 "permission denied: only an administrator may change the four-eyes rule" \
  "UPDATE settings SET value = 'false' WHERE key = 'four_eyes'"
expect_error "dana deletes the setting" "$(as dana)" 42501 "permission denied for table settings" \
  "DELETE FROM settings WHERE key = 'four_eyes'"
expect_error "dana renames another setting to four_eyes" "$(as dana)" 42501 "permission denied: only an administrator may change the four-eyes rule" \
  "UPDATE settings SET key = 'four_eyes' WHERE key = 'paper'"
# shellcheck disable=SC2059
expect_ok "avery creates a letter" "$(as avery)" "$(printf "$NEWLETTER" avery1 avery1 avery1)"
expect_error "avery approves a letter avery created" "$(as avery)" 42501 \
  "permission denied: the four-eyes rule needs an approver other than the drafter" \
  "UPDATE letters SET status = 'approved' WHERE id = $(id_of avery1)"
# shellcheck disable=SC2059
expect_ok "dana creates another letter" "$(as dana)" "$(printf "$NEWLETTER" dana2 dana2 dana2)"
expect_ok "avery approves dana's letter under four eyes" "$(as avery)" \
  "BEGIN; UPDATE letters SET status = 'approved' WHERE id = $(id_of dana2);
   INSERT INTO events (letter_id, kind, at) VALUES ($(id_of dana2), 'approved', 'x'); COMMIT"
expect_error "ada (admin) approves a letter ada created: four eyes bind admins too" "$(as ada)" 42501 \
  "permission denied: the four-eyes rule needs an approver other than the drafter" \
  "$(printf "$NEWLETTER" ada1 ada1 ada1) UPDATE letters SET status = 'approved' WHERE subject = 'ada1'"
expect_ok "ada turns four_eyes off" "$(as ada)" "UPDATE settings SET value = 'false' WHERE key = 'four_eyes'"
expect_ok "avery approves avery's letter without four eyes" "$(as avery)" \
  "BEGIN; UPDATE letters SET status = 'approved' WHERE id = $(id_of avery1);
   INSERT INTO events (letter_id, kind, at) VALUES ($(id_of avery1), 'approved', 'x'); COMMIT"

echo "== the matrix: role × table × operation (docs/TEAM-RULES.md)"
# Letters in each state, made by the superuser step by step with their
# events: m-draft, m-approved, m-signed (its copy unsent) and m-sent (copy 0
# sent, with its archived PDF). Each cell below runs as one login inside a
# transaction that ends with SET CONSTRAINTS ALL IMMEDIATE (the commit-time
# checks run then) and ROLLBACK, so every cell meets the same record.
L() { echo "(SELECT id FROM letters WHERE subject = '$1')"; }
R() { echo "(SELECT id FROM letter_recipients WHERE letter_id = $(L "$1") AND ord = ${2:-0})"; }
mk() { # SUBJECT: a draft with two copies and its 'created' event
  echo "BEGIN; INSERT INTO letters (template_id, signer_id, date, subject, body, mode, created_at, updated_at)
        VALUES (1, 1, '2024-06-01', '$1', 'Body.', 'per_recipient', 'x', 'x');
        INSERT INTO events (letter_id, kind, at) VALUES ($(L "$1"), 'created', 'x');
        INSERT INTO letter_recipients (letter_id, ord, letter_date, role, person_id)
          VALUES ($(L "$1"), 0, '2024-06-01', 'to', 1), ($(L "$1"), 1, '2024-06-01', 'to', 2);
        COMMIT;"
}
step() { # SUBJECT STATUS
  echo "BEGIN; UPDATE letters SET status = '$2' WHERE id = $(L "$1");
        INSERT INTO events (letter_id, kind, at) VALUES ($(L "$1"), '$2', 'x'); COMMIT;"
}
expect_ok "matrix fixtures: m-draft, m-approved, m-signed, m-sent" "$PG1" \
  "$(mk m-draft) $(mk m-approved) $(step m-approved approved) $(mk m-signed) $(step m-signed approved) $(step m-signed signed)
   $(mk m-sent) $(step m-sent approved) $(step m-sent signed) $(mk m-touch) $(step m-touch approved)
   $(mk m-deleted) BEGIN; UPDATE letters SET deleted_at = 'x' WHERE id = $(L m-deleted);
   INSERT INTO events (letter_id, kind, at) VALUES ($(L m-deleted), 'deleted', 'x'); COMMIT;
   BEGIN; UPDATE letter_recipients SET method = 'mail', sent_at = '2024-06-02T09:00:00Z', confirmation = 'certified 1',
          follow_up_on = '2024-07-01' WHERE id = $(R m-sent);
   UPDATE letters SET status = 'sent' WHERE id = $(L m-sent);
   INSERT INTO archive (letter_id, recipient_id, pdf, sha256, data, created_at)
     VALUES ($(L m-sent), $(R m-sent), '\\x255044462d', repeat('d', 64), '{}', 'x');
   INSERT INTO events (letter_id, recipient_id, kind, at, detail) VALUES ($(L m-sent), $(R m-sent), 'sent', 'x', 'mail');
   COMMIT;"
expect_ok "matrix fixtures: m-dana, a draft dana wrote" "$(as dana)" "$(mk m-dana)"
expect_value "a deleted draft: deleted_by is the server's word (the login), not the client's" "$PG1" "postgres" \
  "SELECT deleted_by FROM letters WHERE id = $(L m-deleted)"

ROLES=(dana avery sam ada olive)
cell() { # ROLE TABLE OPERATION EXPECTED(ok|refused) SQL
  local out got
  if out=$(run "$(as "$1")" "BEGIN; $5; SET CONSTRAINTS ALL IMMEDIATE; ROLLBACK;"); then got=ok; else got=refused; fi
  # The refusal's SQLSTATE: 42501 a role or grant rule, AM001 a record rule.
  local why line
  why=$(printf '%s' "$out" | sed -n 's/^ERROR:  \([0-9A-Z]\{5\}\): .*/\1/p' | head -1)
  line=$(printf '%-6s %-18s %-62s %-8s %s' "$1" "$2" "$3" "$4" "$got${why:+ ($why)}")
  if [ "$got" = "$4" ]; then
    passed=$((passed + 1)); echo "ok    $line"
  else
    failed=$((failed + 1)); echo "FAIL  $line"; printf '%s\n' "$out" | grep ERROR | sed 's/^/      | /'
  fi
}
row() { # TABLE OPERATION EXPECTATIONS(one letter per role: o ok, r refused) SQL
  local i=0 e
  for role in "${ROLES[@]}"; do
    e=${3:$i:1}; i=$((i + 1))
    cell "$role" "$1" "$2" "$([ "$e" = o ] && echo ok || echo refused)" "$4"
  done
}
printf '      %-6s %-18s %-62s %-8s %s\n' role table operation expected got
#                                                               dana avery sam ada olive(owner)
row letters "INSERT a draft with its 'created' event" ooooo \
  "$(mk m-new | sed 's/BEGIN;//; s/COMMIT;//')"
row letters "INSERT a draft without its 'created' event" rrrrr \
  "INSERT INTO letters (template_id, signer_id, date, subject, body, mode, created_at, updated_at) VALUES (1, 1, '2024-06-01', 'x', 'b', 'joint', 'x', 'x')"
row letters "INSERT a letter as approved" rrrrr \
  "INSERT INTO letters (template_id, signer_id, date, subject, body, mode, status, created_at, updated_at) VALUES (1, 1, '2024-06-01', 'x', 'b', 'joint', 'approved', 'x', 'x')"
row letters "UPDATE draft → approved, with its event" roror \
  "$(step m-draft approved | sed 's/BEGIN;//; s/COMMIT;//')"
row letters "UPDATE approved → signed, with its event" rroor \
  "$(step m-approved signed | sed 's/BEGIN;//; s/COMMIT;//')"
row letters "UPDATE signed → sent, no copy sent" rrrrr \
  "UPDATE letters SET status = 'sent' WHERE id = $(L m-signed)"
row letters "UPDATE sent → draft" rrrrr \
  "UPDATE letters SET status = 'draft' WHERE id = $(L m-sent)"
row letters "UPDATE a sent letter's body" rrrrr \
  "UPDATE letters SET body = 'Changed.' WHERE id = $(L m-sent)"
row letters "UPDATE a draft's body, with its 'edited' event" ooooo \
  "UPDATE letters SET body = 'Edited.' WHERE id = $(L m-draft); INSERT INTO events (letter_id, kind, at) VALUES ($(L m-draft), 'edited', 'x')"
row letters "UPDATE an approved letter's body, keeping it approved" rrrrr \
  "UPDATE letters SET body = 'Changed.' WHERE id = $(L m-approved); INSERT INTO events (letter_id, kind, at) VALUES ($(L m-approved), 'edited', 'x')"
row letters "UPDATE a draft's body, no event" rrrrr \
  "UPDATE letters SET body = 'Edited.' WHERE id = $(L m-draft)"
row letters "DELETE a draft" rrrrr "DELETE FROM letters WHERE id = $(L m-draft)"
del() { # SUBJECT: mark the letter deleted, with its 'deleted' event
  echo "UPDATE letters SET deleted_at = 'x' WHERE id = $(L "$1");
        INSERT INTO events (letter_id, kind, at) VALUES ($(L "$1"), 'deleted', 'x')"
}
row letters "delete (soft) one's own draft, with its 'deleted' event" orror "$(del m-dana)"
row letters "delete (soft) a colleague's draft, with its event" rrror "$(del m-draft)"
row letters "delete (soft) a draft, no event" rrrrr \
  "UPDATE letters SET deleted_at = 'x' WHERE id = $(L m-dana)"
row letters "delete (soft) an approved letter, with its event" rrrrr "$(del m-approved)"
row letters "delete (soft) a signed letter, with its event" rrrrr "$(del m-signed)"
row letters "delete (soft) a sent letter, with its event" rrrrr "$(del m-sent)"
row letters "delete (soft) a draft and change its body at once" rrrrr \
  "UPDATE letters SET deleted_at = 'x', body = 'Changed.' WHERE id = $(L m-dana);
   INSERT INTO events (letter_id, kind, at) VALUES ($(L m-dana), 'deleted', 'x')"
row letters "delete one's draft saying another login did (the server writes who)" orror \
  "UPDATE letters SET deleted_at = 'x', deleted_by = 'avery' WHERE id = $(L m-dana);
   INSERT INTO events (letter_id, kind, at) VALUES ($(L m-dana), 'deleted', 'x');
   SELECT 1 / (deleted_by = session_user)::int FROM letters WHERE id = $(L m-dana)"
row letters "restore a colleague's deleted draft, with its 'restored' event" rrror \
  "UPDATE letters SET deleted_at = NULL WHERE id = $(L m-deleted);
   INSERT INTO events (letter_id, kind, at) VALUES ($(L m-deleted), 'restored', 'x')"
row letters "change a deleted draft's body, with its 'edited' event" rrrrr \
  "UPDATE letters SET body = 'Changed.' WHERE id = $(L m-deleted); INSERT INTO events (letter_id, kind, at) VALUES ($(L m-deleted), 'edited', 'x')"
row letters "approve a deleted draft, with its event" rrrrr \
  "$(step m-deleted approved | sed 's/BEGIN;//; s/COMMIT;//')"
row letters "INSERT a letter already deleted" rrrrr \
  "INSERT INTO letters (template_id, signer_id, date, subject, body, mode, deleted_at, created_at, updated_at) VALUES (1, 1, '2024-06-01', 'x', 'b', 'joint', 'x', 'x', 'x');
   INSERT INTO events (letter_id, kind, at) VALUES ((SELECT max(id) FROM letters), 'created', 'x')"
row events "INSERT 'deleted' for a draft not deleted" rrrrr \
  "INSERT INTO events (letter_id, kind, at) VALUES ($(L m-draft), 'deleted', 'x')"
row letter_recipients "DELETE a deleted draft's copy" rrrrr \
  "DELETE FROM letter_recipients WHERE id = $(R m-deleted 1)"
row letters "TRUNCATE" rrrrr "TRUNCATE letters CASCADE"
row events "INSERT 'approved' on a draft (nothing approved)" rrrrr \
  "INSERT INTO events (letter_id, kind, at) VALUES ($(L m-draft), 'approved', 'x')"
row events "INSERT 'approved' again after touching an approved letter" rrrrr \
  "UPDATE letters SET updated_at = 'y' WHERE id = $(L m-touch); INSERT INTO events (letter_id, kind, at) VALUES ($(L m-touch), 'approved', 'x')"
row events "INSERT 'signed' on a letter signed earlier" rrrrr \
  "INSERT INTO events (letter_id, kind, at) VALUES ($(L m-signed), 'signed', 'x')"
row events "INSERT 'created' for a letter that exists" rrrrr \
  "INSERT INTO events (letter_id, kind, at) VALUES ($(L m-draft), 'created', 'x')"
row events "INSERT 'sent' for a copy not sent" rrrrr \
  "INSERT INTO events (letter_id, recipient_id, kind, at, detail) VALUES ($(L m-signed), $(R m-signed), 'sent', 'x', 'mail')"
row events "INSERT 'replied' for a copy with no reply" rrrrr \
  "INSERT INTO events (letter_id, recipient_id, kind, at) VALUES ($(L m-sent), $(R m-sent), 'replied', 'x')"
row events "INSERT 'exported' (a claim: a file was written)" ooooo \
  "INSERT INTO events (letter_id, kind, at, detail) VALUES ($(L m-draft), 'exported', 'x', 'draft.pdf')"
row events "INSERT a resend of a sent copy" ooooo \
  "INSERT INTO events (letter_id, recipient_id, kind, at, detail) VALUES ($(L m-sent), $(R m-sent), 'sent', 'x', 'resent by email')"
row events "UPDATE" rrrrr "UPDATE events SET detail = 'x'"
row events "DELETE" rrrrr "DELETE FROM events WHERE letter_id = $(L m-sent)"
row events "TRUNCATE" rrrrr "TRUNCATE events CASCADE"
row letter_recipients "UPDATE a sent copy back to unsent" rrrrr \
  "UPDATE letter_recipients SET method = NULL, sent_at = NULL, confirmation = NULL WHERE id = $(R m-sent)"
row letter_recipients "UPDATE a sent copy's confirmation" rrrrr \
  "UPDATE letter_recipients SET confirmation = 'certified 2' WHERE id = $(R m-sent)"
row letter_recipients "UPDATE a sent copy's method" rrrrr \
  "UPDATE letter_recipients SET method = 'email' WHERE id = $(R m-sent)"
row letter_recipients "UPDATE a sent copy's addressee" rrrrr \
  "UPDATE letter_recipients SET person_id = 2 WHERE id = $(R m-sent)"
row letter_recipients "mark a signed letter's copy sent (copy, letter, PDF, event)" ooooo \
  "UPDATE letter_recipients SET method = 'hand', sent_at = 'x' WHERE id = $(R m-signed);
   UPDATE letters SET status = 'sent' WHERE id = $(L m-signed);
   INSERT INTO archive (letter_id, recipient_id, pdf, sha256, data, created_at) VALUES ($(L m-signed), $(R m-signed), '\\x00', repeat('e', 64), '{}', 'x');
   INSERT INTO events (letter_id, recipient_id, kind, at, detail) VALUES ($(L m-signed), $(R m-signed), 'sent', 'x', 'hand')"
row letter_recipients "mark a copy sent without its PDF and event" rrrrr \
  "UPDATE letter_recipients SET method = 'hand', sent_at = 'x' WHERE id = $(R m-signed)"
row letter_recipients "mark a copy sent with its event but no PDF" rrrrr \
  "UPDATE letter_recipients SET method = 'hand', sent_at = 'x' WHERE id = $(R m-signed);
   INSERT INTO events (letter_id, recipient_id, kind, at, detail) VALUES ($(L m-signed), $(R m-signed), 'sent', 'x', 'hand')"
row letter_recipients "mark a copy of an approved letter sent" rrrrr \
  "UPDATE letter_recipients SET method = 'hand', sent_at = 'x' WHERE id = $(R m-approved)"
row letter_recipients "INSERT a copy into a signed letter" rrrrr \
  "INSERT INTO letter_recipients (letter_id, ord, letter_date, role, person_id) VALUES ($(L m-signed), 5, '2024-06-01', 'to', 1)"
row letter_recipients "INSERT a copy marked sent" rrrrr \
  "INSERT INTO letter_recipients (letter_id, ord, letter_date, role, person_id, method, sent_at) VALUES ($(L m-draft), 5, '2024-06-01', 'to', 1, 'mail', 'x')"
row letter_recipients "DELETE a copy of a sent letter" rrrrr \
  "DELETE FROM letter_recipients WHERE id = $(R m-sent 1)"
row letter_recipients "DELETE a copy of an approved letter" rrrrr \
  "DELETE FROM letter_recipients WHERE id = $(R m-approved 1)"
row letter_recipients "DELETE and INSERT a draft's copy (editing it)" ooooo \
  "DELETE FROM letter_recipients WHERE id = $(R m-draft 1);
   INSERT INTO letter_recipients (letter_id, ord, letter_date, role, office_id) VALUES ($(L m-draft), 1, '2024-06-01', 'to', 1)"
row letter_recipients "TRUNCATE" rrrrr "TRUNCATE letter_recipients CASCADE"
row letter_recipients "snooze a sent copy, with its event" ooooo \
  "UPDATE letter_recipients SET follow_up_on = '2024-07-08' WHERE id = $(R m-sent);
   INSERT INTO events (letter_id, recipient_id, kind, at, detail) VALUES ($(L m-sent), $(R m-sent), 'snoozed', 'x', '2024-07-01 → 2024-07-08')"
row letter_recipients "snooze a sent copy, no event" rrrrr \
  "UPDATE letter_recipients SET follow_up_on = '2024-07-08' WHERE id = $(R m-sent)"
row letter_recipients "record a reply, with its event" ooooo \
  "UPDATE letter_recipients SET reply_on = '2024-06-20', reply_notes = 'Thanks', follow_up_on = NULL WHERE id = $(R m-sent);
   INSERT INTO events (letter_id, recipient_id, kind, at, detail) VALUES ($(L m-sent), $(R m-sent), 'replied', 'x', 'Thanks')"
row letter_recipients "record a reply on a copy not sent" rrrrr \
  "UPDATE letter_recipients SET reply_on = '2024-06-20' WHERE id = $(R m-signed);
   INSERT INTO events (letter_id, recipient_id, kind, at) VALUES ($(L m-signed), $(R m-signed), 'replied', 'x')"
row archive "INSERT a second PDF for a sent copy" rrrrr \
  "INSERT INTO archive (letter_id, recipient_id, pdf, sha256, data, created_at) VALUES ($(L m-sent), $(R m-sent), '\\x00', repeat('f', 64), '{}', 'x')"
row archive "INSERT a PDF for a copy not sent" rrrrr \
  "INSERT INTO archive (letter_id, recipient_id, pdf, sha256, data, created_at) VALUES ($(L m-signed), $(R m-signed), '\\x00', repeat('f', 64), '{}', 'x')"
row archive "UPDATE" rrrrr "UPDATE archive SET pdf = '\\x00', sha256 = repeat('0', 64)"
row archive "DELETE" rrrrr "DELETE FROM archive"
row archive "TRUNCATE" rrrrr "TRUNCATE archive"
row signed_copies "INSERT for a letter signed earlier" rrrrr \
  "INSERT INTO signed_copies (letter_id, copy, pdf, sha256, signer, signed_at) VALUES ($(L m-signed), 0, '\\x00', repeat('a', 64), 'x', 'x')"
row signed_copies "INSERT as the letter is signed, with its event" rroor \
  "UPDATE letters SET status = 'signed' WHERE id = $(L m-approved);
   INSERT INTO signed_copies (letter_id, copy, pdf, sha256, signer, signed_at) VALUES ($(L m-approved), 0, '\\x00', repeat('a', 64), 'x', 'x');
   INSERT INTO events (letter_id, kind, at, detail) VALUES ($(L m-approved), 'signed', 'x', 'digitally signed by x')"
row signed_copies "UPDATE" rrrrr "UPDATE signed_copies SET signer = 'x'"
row signed_copies "DELETE" rrrrr "DELETE FROM signed_copies"
row reply_files "INSERT a reply PDF, with its event" ooooo \
  "INSERT INTO reply_files (letter_id, recipient_id, file_name, pdf, sha256, at) VALUES ($(L m-sent), $(R m-sent), 'r.pdf', '\\x25504446', repeat('c', 64), 'x');
   INSERT INTO events (letter_id, recipient_id, kind, at, detail) VALUES ($(L m-sent), $(R m-sent), 'reply_attached', 'x', 'r.pdf')"
row reply_files "INSERT a reply PDF, no event" rrrrr \
  "INSERT INTO reply_files (letter_id, recipient_id, file_name, pdf, sha256, at) VALUES ($(L m-sent), $(R m-sent), 'r.pdf', '\\x25504446', repeat('c', 64), 'x')"
row reply_files "INSERT for a copy not sent" rrrrr \
  "INSERT INTO reply_files (letter_id, recipient_id, file_name, pdf, sha256, at) VALUES ($(L m-signed), $(R m-signed), 'r.pdf', '\\x25504446', repeat('c', 64), 'x');
   INSERT INTO events (letter_id, recipient_id, kind, at, detail) VALUES ($(L m-signed), $(R m-signed), 'reply_attached', 'x', 'r.pdf')"
row reply_files "UPDATE" rrrrr "UPDATE reply_files SET file_name = 'y.pdf'"
row reply_files "DELETE" rrrrr "DELETE FROM reply_files"
row copy_contacts "INSERT a call" ooooo \
  "INSERT INTO copy_contacts (letter_id, recipient_id, on_date, kind, who, at) VALUES ($(L m-sent), $(R m-sent), '2024-06-10', 'call', 'Jane Roe', 'x')"
row copy_contacts "UPDATE" rrrrr "UPDATE copy_contacts SET notes = 'x'"
row copy_contacts "DELETE" rrrrr "DELETE FROM copy_contacts"
row settings "UPDATE the organization's letterhead" rrror \
  "INSERT INTO settings (key, value) VALUES ('organization', '{}') ON CONFLICT (key) DO UPDATE SET value = excluded.value"
row settings "name the organization in a sentence (short name)" rrror \
  "INSERT INTO settings (key, value) VALUES ('organization_short_name', '\"the Club\"') ON CONFLICT (key) DO UPDATE SET value = excluded.value"
row settings "edit the position paragraph's template" ooooo \
  "INSERT INTO settings (key, value) VALUES ('position_paragraph_template', '\"{{organization}} wrote.\"') ON CONFLICT (key) DO UPDATE SET value = excluded.value"
row settings "turn four-eyes on" rrror \
  "INSERT INTO settings (key, value) VALUES ('four_eyes', 'true') ON CONFLICT (key) DO UPDATE SET value = excluded.value"
row amicus_warrants "SELECT" rrrro "SELECT count(*) FROM amicus_warrants"
row amicus_warrants "INSERT a warrant, then the 'approved' event it allows" rrrro \
  "INSERT INTO amicus_warrants (xact, letter_id, kind) VALUES (pg_current_xact_id(), $(L m-draft), 'approved');
   INSERT INTO events (letter_id, kind, at) VALUES ($(L m-draft), 'approved', 'x')"
row amicus_warrants "call amicus_warrant(), then the 'approved' event" rrrro \
  "SELECT amicus_warrant($(L m-draft), NULL, 'approved');
   INSERT INTO events (letter_id, kind, at) VALUES ($(L m-draft), 'approved', 'x')"
row "team import" "amicus_begin_import() on a record with letters" rrrrr "SELECT amicus_begin_import()"
echo "      (olive owns the schema: it can read and write amicus_warrants and change the schema itself, as any"
echo "       table owner can; that is why team init makes the owner an administrator and staff never use it:"
echo "       docs/TEAM-RULES.md)"

echo
echo "check.sh: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
