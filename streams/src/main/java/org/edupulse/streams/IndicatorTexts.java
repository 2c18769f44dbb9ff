package org.edupulse.streams;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

/**
 * The catalog's names and definitions in the languages the department reads: Vietnamese, from
 * {@code indicator-texts_vi.properties} beside this class, and English, the catalog's own words. The
 * formulas stay in {@link IndicatorCatalog}; only the words are here, so a translation never changes a figure.
 */
public final class IndicatorTexts {

    /** The languages, in order of preference: Vietnamese first, the default of the department's readers. */
    public static final List<String> LANGUAGES = List.of("vi", "en");

    private static final String VI_RESOURCE = "indicator-texts_vi.properties";
    private static final Properties VI = load(VI_RESOURCE);

    private IndicatorTexts() {
    }

    /**
     * The words of one indicator in one language.
     *
     * @param correspondence the UIS / SDG correspondence in words, or null when the indicator has none
     */
    public record Text(String name, String definition, String correspondence) {
    }

    /** The name, definition and correspondence of {@code definition} in {@code language} ("vi" or "en"). */
    public static Text of(final IndicatorDefinition definition, final String language) {
        if ("en".equals(language)) {
            return new Text(definition.name(), definition.definition(), definition.correspondence().orElse(null));
        }
        if (!"vi".equals(language)) {
            throw new IllegalArgumentException("language must be one of " + LANGUAGES + ", was '" + language + "'");
        }
        final String name = VI.getProperty(definition.id() + ".name");
        final String text = VI.getProperty(definition.id() + ".definition");
        if (name == null || text == null) {
            throw new IllegalStateException(VI_RESOURCE + " has no name or no definition of " + definition.id());
        }
        return new Text(name, text, definition.correspondence().isPresent()
                ? VI.getProperty(definition.id() + ".correspondence", definition.correspondence().get()) : null);
    }

    /**
     * The supported language of an {@code Accept-Language} header ({@code vi-VN,vi;q=0.9,en;q=0.8}), by its
     * weights; empty when the header is absent, malformed or names neither language.
     */
    public static Optional<String> fromAcceptLanguage(final String header) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        try {
            final String tag = Locale.lookupTag(Locale.LanguageRange.parse(header), LANGUAGES);
            return Optional.ofNullable(tag);
        } catch (final IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The keys of the Vietnamese resource, for the test that every indicator has its words and no more. */
    static java.util.Set<String> vietnameseKeys() {
        return VI.stringPropertyNames();
    }

    private static Properties load(final String resource) {
        try (InputStream in = IndicatorTexts.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing from the classpath: " + resource);
            }
            final Properties properties = new Properties();
            try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                properties.load(reader);
            }
            return properties;
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }
}
