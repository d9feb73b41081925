import { useTranslation } from 'react-i18next';

export const replyChannels = ['email', 'post', 'phone', 'whatsapp', 'sms'] as const;

/** The reply channels as checkboxes, in a labelled group: used when filing, at the desk and in preferences. */
export function ChannelChoice({
  value,
  onChange,
  legend,
}: {
  value: string[];
  onChange: (v: string[]) => void;
  legend: string;
}) {
  const { t } = useTranslation();
  return (
    <fieldset>
      <legend>{legend}</legend>
      <div className="checks">
        {replyChannels.map((c) => (
          <label key={c}>
            <input
              type="checkbox"
              checked={value.includes(c)}
              onChange={(e) => onChange(e.target.checked ? [...value, c] : value.filter((x) => x !== c))}
            />
            {t(`channel.${c}`)}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
