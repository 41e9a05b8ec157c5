#!/usr/bin/env bash
# Checks crates/store/pg/01-schema.sql and 02-roles.sql against a PostgreSQL
# server: the record rules, search_hits and the role rules.
#
#   scripts/with-postgres.sh crates/store/pg/check.sh
#
# Needs AMICUS_TEST_PG (a libpq connection string for a superuser, as
# scripts/with-postgres.sh exports) on a server where the login roles it
# creates (dana, avery, sam, ada) connect without a password (trust), i.e.
# a throwaway server. Creates and drops the databases amicus_check_t1 and
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
              CREATE DATABASE $T1; CREATE DATABASE $T2;" >/dev/null \
  || { echo "cannot create the check databases"; exit 1; }

steps=()
for db in "$T1" "$T2"; do
  for f in "$HERE"/[0-9][0-9]-*.sql; do steps+=("$db $(basename "$f")"); done
done
steps+=("$T1 02-roles.sql")  # a second run changes nothing
for step in "${steps[@]}"; do
  set -- $step
  if out=$(apply "$AMICUS_TEST_PG dbname=$1" "$HERE/$2"); then
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
   WHERE n.nspname = 'public' AND c.relkind = 'r'"

# Fixtures, as the superuser.
FIX="
INSERT INTO templates (key, version, builtin, meta, source, created_at) VALUES ('plain', 1, 1, '{}', 'src', '2024-01-01T00:00:00Z');
INSERT INTO signers (name, title, signature) VALUES ('Pat Signer', 'President', '\\x89504e47');
INSERT INTO organizations (name) VALUES ('Department of Commerce');
INSERT INTO persons (full_name, family_name, email, created_at, updated_at)
  VALUES ('José Martínez', 'Martínez', 'jose.martinez@ustr.gov', '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z'),
         ('JOSÉ ÁLVAREZ', 'ÁLVAREZ', NULL, '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z');
INSERT INTO offices (title, short_name, organization_id, kind) VALUES ('Secretary of Commerce', 'Commerce', 1, 'cabinet_secretary');
INSERT INTO letters (template_id, signer_id, date, subject, body, mode, created_at, updated_at)
  VALUES (1, 1, '2024-03-01', 'Tariffs on Korean steel',
          'We write about the KORUS agreement and the steel tariffs imposed last year on imports from Korea, which hurt our members and their workers across the country.',
          'per_recipient', '2024-03-01T10:00:00Z', '2024-03-01T10:00:00Z');
INSERT INTO events (letter_id, kind, at) VALUES (1, 'created', '2024-03-01T10:00:00Z');
INSERT INTO letter_recipients (letter_id, ord, letter_date, role, person_id, office_id)
  VALUES (1, 0, '2024-03-01', 'to', 1, 1), (1, 1, '2024-03-01', 'cc', 2, NULL);
UPDATE letters SET status = 'approved' WHERE id = 1;
UPDATE letters SET status = 'signed', signature = (SELECT signature FROM signers WHERE id = 1) WHERE id = 1;
INSERT INTO signed_copies (letter_id, copy, pdf, sha256, signer, signed_at) VALUES (1, 0, '\\x25504446', repeat('a', 64), 'Pat Signer', '2024-03-01T11:00:00Z');
UPDATE letter_recipients SET method = 'mail', sent_at = '2024-03-02T09:00:00Z' WHERE letter_id = 1 AND ord = 0;
UPDATE letters SET status = 'sent', updated_at = '2024-03-02T09:00:00Z' WHERE id = 1;
INSERT INTO letters (template_id, signer_id, date, subject, body, mode, created_at, updated_at)
  VALUES (1, 1, '2024-04-01', 'A draft about dairy', 'Milk quotas.', 'joint', '2024-04-01T10:00:00Z', '2024-04-01T10:00:00Z');
INSERT INTO letter_recipients (letter_id, ord, letter_date, role, person_id) VALUES (2, 0, '2024-04-01', 'to', 1);
"
expect_ok "fixtures: a letter taken to sent, a draft (as superuser)" "$PG1" "$FIX"

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
expect_ok "UPDATE delivery fields of a sent letter's recipient" "$PG1" \
  "UPDATE letter_recipients SET method = 'email', sent_at = '2024-03-03T09:00:00Z', confirmation = 'ok',
          follow_up_on = '2024-04-01', reply_on = '2024-03-20', reply_notes = 'thanks' WHERE letter_id = 1 AND ord = 1"
expect_error "DELETE a sent letter's recipient" "$PG1" AM001 "a sent letter cannot be edited" \
  "DELETE FROM letter_recipients WHERE letter_id = 1 AND ord = 1"
expect_ok "INSERT INTO archive" "$PG1" \
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
expect_value "archive and signed copies still there" "$PG1" "1|1|1" \
  "SELECT (SELECT count(*) FROM archive), (SELECT count(*) FROM signed_copies), (SELECT count(*) FROM events)"
expect_value "the actor of an event defaults to the login" "$PG1" "postgres" "SELECT actor FROM events WHERE id = 1"
expect_ok "follow-up work: a snooze event, a call, a reply PDF" "$PG1" \
  "INSERT INTO events (letter_id, recipient_id, kind, at, detail) VALUES (1, 1, 'snoozed', '2024-03-10T09:00:00Z', '2024-04-01 → 2024-04-08');
   INSERT INTO copy_contacts (letter_id, recipient_id, on_date, kind, who, at) VALUES (1, 1, '2024-03-10', 'call', 'Jane Roe', '2024-03-10T09:00:00Z');
   INSERT INTO reply_files (letter_id, recipient_id, file_name, pdf, sha256, at) VALUES (1, 1, 'reply.pdf', '\\x255044462d', repeat('c', 64), '2024-03-10T09:00:00Z');"
expect_error "an event of no known kind" "$PG1" 23514 "events_kind_check" \
  "INSERT INTO events (letter_id, kind, at) VALUES (1, 'snoozing', 'x')"
expect_error "UPDATE copy_contacts" "$PG1" AM001 "the letter history cannot be changed" "UPDATE copy_contacts SET notes = 'x'"
expect_error "DELETE FROM copy_contacts" "$PG1" AM001 "the letter history cannot be changed" "DELETE FROM copy_contacts"
expect_error "UPDATE reply_files" "$PG1" AM001 "an attached reply cannot be changed" "UPDATE reply_files SET file_name = 'x.pdf'"
expect_error "TRUNCATE reply_files" "$PG1" AM001 "an attached reply cannot be deleted" "TRUNCATE reply_files"
expect_value "a draft's recipients follow its date" "$PG1" "2024-04-15" \
  "UPDATE letters SET date = '2024-04-15' WHERE id = 2; SELECT letter_date FROM letter_recipients WHERE letter_id = 2"
expect_ok "a draft can be edited and its recipients replaced" "$PG1" \
  "UPDATE letters SET subject = 'A draft about dairy quotas', status = 'draft', signature = NULL WHERE id = 2;
   DELETE FROM letter_recipients WHERE letter_id = 2;
   INSERT INTO letter_recipients (letter_id, ord, letter_date, role, office_id) VALUES (2, 0, '2024-04-15', 'to', 1)"
expect_error "CHECK: letters.status" "$PG1" 23514 'violates check constraint' "UPDATE letters SET status = 'lost' WHERE id = 2"
expect_error "CHECK: sent_at and method together" "$PG1" 23514 'violates check constraint' \
  "UPDATE letter_recipients SET sent_at = 'x' WHERE letter_id = 2"
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
expect_ok "20,000 letters" "$PG2" \
  "INSERT INTO templates (key, version, builtin, meta, source, created_at) VALUES ('t', 1, 1, '{}', '', 'x');
   INSERT INTO signers (name) VALUES ('S');
   INSERT INTO letters (template_id, signer_id, date, subject, body, mode, created_at, updated_at)
   SELECT 1, 1, '2024-01-01', 'Letter ' || i,
          concat_ws(' ', 'words', CASE WHEN i % 2 = 0 THEN 'alpha' END, CASE WHEN i % 25 = 0 THEN 'charlie' END,
                    CASE WHEN i % 400 = 0 THEN 'delta' END,
                    CASE WHEN (i > 19000 AND i % 25 = 0) OR i % 1000 = 7 THEN 'echo' END),
          'joint', 'x', 'x'
   FROM generate_series(1, 20000) i;
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
  "INSERT INTO letters (template_id, signer_id, date, subject, body, mode, created_at, updated_at)
   SELECT 1, 1, '2024-01-01', 'Long', string_agg(CASE WHEN i = 400 THEN 'zebra' ELSE 'word' || i END, ' ' ORDER BY i),
          'joint', 'x', 'x' FROM generate_series(1, 600) i"
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
NEWLETTER="INSERT INTO letters (template_id, signer_id, date, subject, body, mode, created_at, updated_at)
  VALUES (1, 1, '2024-05-01', '%s', 'Body.', 'joint', '2024-05-01T10:00:00Z', '2024-05-01T10:00:00Z');
  INSERT INTO events (letter_id, kind, at) SELECT id, 'created', created_at FROM letters WHERE subject = '%s';"
id_of() { echo "(SELECT id FROM letters WHERE subject = '$1')"; }
# shellcheck disable=SC2059
expect_ok "dana creates a letter (letter + 'created' event)" "$(as dana)" "$(printf "$NEWLETTER" dana1 dana1)"
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
  "UPDATE letters SET status = 'approved' WHERE id = $(id_of dana1);
   INSERT INTO events (letter_id, kind, at) VALUES ($(id_of dana1), 'approved', 'x')"
expect_value "the 'approved' event's actor is avery" "$PG1" "avery" \
  "SELECT actor FROM events WHERE letter_id = $(id_of dana1) AND kind = 'approved'"
expect_error "avery signs" "$(as avery)" 42501 "permission denied: only a signer may sign a letter" \
  "UPDATE letters SET status = 'signed' WHERE id = $(id_of dana1)"
expect_ok "sam signs (status, signature, signed copy)" "$(as sam)" \
  "UPDATE letters SET status = 'signed', signature = (SELECT s.signature FROM signers s WHERE s.id = letters.signer_id)
   WHERE id = $(id_of dana1);
   INSERT INTO signed_copies (letter_id, copy, pdf, sha256, signer, signed_at) VALUES ($(id_of dana1), 0, '\\x00', 'x', 'sam', 'x')"
expect_ok "dana sends it (recipient, status, archive)" "$(as dana)" \
  "INSERT INTO letter_recipients (letter_id, ord, letter_date, role, person_id) VALUES ($(id_of dana1), 0, '2024-05-01', 'to', 1);
   UPDATE letter_recipients SET method = 'mail', sent_at = 'x' WHERE letter_id = $(id_of dana1);
   UPDATE letters SET status = 'sent' WHERE id = $(id_of dana1);
   INSERT INTO archive (letter_id, recipient_id, pdf, sha256, data, created_at)
   SELECT $(id_of dana1), id, '\\x00', repeat('c', 64), '{}', 'x' FROM letter_recipients WHERE letter_id = $(id_of dana1)"

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
expect_ok "avery creates a letter" "$(as avery)" "$(printf "$NEWLETTER" avery1 avery1)"
expect_error "avery approves a letter avery created" "$(as avery)" 42501 \
  "permission denied: the four-eyes rule needs an approver other than the drafter" \
  "UPDATE letters SET status = 'approved' WHERE id = $(id_of avery1)"
# shellcheck disable=SC2059
expect_ok "dana creates another letter" "$(as dana)" "$(printf "$NEWLETTER" dana2 dana2)"
expect_ok "avery approves dana's letter under four eyes" "$(as avery)" \
  "UPDATE letters SET status = 'approved' WHERE id = $(id_of dana2)"
expect_error "ada (admin) approves a letter ada created: four eyes bind admins too" "$(as ada)" 42501 \
  "permission denied: the four-eyes rule needs an approver other than the drafter" \
  "$(printf "$NEWLETTER" ada1 ada1) UPDATE letters SET status = 'approved' WHERE subject = 'ada1'"
expect_ok "ada turns four_eyes off" "$(as ada)" "UPDATE settings SET value = 'false' WHERE key = 'four_eyes'"
expect_ok "avery approves avery's letter without four eyes" "$(as avery)" \
  "UPDATE letters SET status = 'approved' WHERE id = $(id_of avery1)"

echo
echo "check.sh: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
