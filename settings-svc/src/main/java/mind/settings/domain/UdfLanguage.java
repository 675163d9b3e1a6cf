package mind.settings.domain;

/** The runtimes the executor offers, spelled as enneo spells them. */
public enum UdfLanguage {
    python311, node20, php82
}
