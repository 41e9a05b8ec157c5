// Choosing an office or a person by typing part of the name: for adding an
// official, and for the sent log's filters.
import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import * as ipc from "../../ipc";
import type { Office } from "../../ipc";
import { SearchSelect, type Choice } from "../../components/SearchSelect";
import { rankOffices } from "../compose/RecipientPicker";
import { keys } from "../../queries";

interface Props {
  label: string;
  chosen: Choice | null;
  onChoose: (choice: Choice | null) => void;
  placeholder?: string;
  error?: string | null;
}

/** A person search that also says what is typed before anyone is picked (the sent log filters by it). */
interface PersonProps extends Props {
  onText?: (text: string) => void;
}

/** An office on record, best match first (as the letter form's recipient field ranks them). */
export function OfficeSearch({ offices, ...p }: Props & { offices: Office[] }) {
  const [text, setText] = useState(p.chosen?.label ?? "");
  const options = rankOffices(offices, text).map(
    (o): Choice => ({
      id: o.id,
      label: o.title,
      detail: [o.organization, o.retired_on ? `retired ${o.retired_on}` : null].filter(Boolean).join(", ") || undefined,
    }),
  );
  return <SearchSelect {...p} text={text} onText={setText} options={options} noMatch="No office on record matches." />;
}

/** A person on record, from two letters of the name on. */
export function PersonSearch({ onText, ...p }: PersonProps) {
  const [text, setTextHere] = useState(p.chosen?.label ?? "");
  const setText = (t: string) => {
    setTextHere(t);
    onText?.(t);
  };
  const typed = text.trim();
  const people = useQuery({
    queryKey: keys.officialsMatching(typed),
    queryFn: () => ipc.officialsList(typed),
    enabled: typed.length >= 2 && p.chosen === null,
  });
  // Only for what was typed: the unfiltered list is cached under the same key.
  const options =
    typed.length >= 2
      ? (people.data ?? []).slice(0, 8).map(
          (r): Choice => ({ id: r.person.id, label: r.person.full_name, detail: r.office ?? undefined }),
        )
      : [];
  return (
    <SearchSelect
      {...p}
      text={text}
      onText={setText}
      options={options}
      noMatch={people.data && typed.length >= 2 ? "Nobody on record matches." : undefined}
    />
  );
}
