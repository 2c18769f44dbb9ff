package org.edupulse.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Authorization and Content-Type rules, which need no server to check. */
class RequestHeadersTest {

    @Test
    void shouldTakeTheKeyOutOfABearerHeaderWhateverTheSchemeCase() {
        // Then
        assertThat(BearerToken.from("Bearer ep_abc_def")).isEqualTo("ep_abc_def");
        assertThat(BearerToken.from("bearer  ep_abc_def ")).isEqualTo("ep_abc_def");
    }

    @Test
    void shouldChallengeAMissingHeaderWithoutAnErrorCode() {
        // When / Then
        assertThatThrownBy(() -> BearerToken.from(null))
                .isInstanceOfSatisfying(Problem.class, p -> {
                    assertThat(p.status()).isEqualTo(401);
                    assertThat(p.headers()).containsEntry("WWW-Authenticate", "Bearer realm=\"edupulse\"");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"Basic dXNlcjpwYXNz", "Bearer", "Bearer ", "Bearer a b", "ep_abc_def", "Bearer ke\"y"})
    void shouldChallengeAMalformedHeaderAsInvalidRequest(final String header) {
        // When / Then
        assertThatThrownBy(() -> BearerToken.from(header))
                .isInstanceOfSatisfying(Problem.class, p -> {
                    assertThat(p.status()).isEqualTo(401);
                    assertThat(p.headers().get("WWW-Authenticate")).contains("error=\"invalid_request\"");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "application/json; charset=utf-8", "Application/JSON;charset=\"UTF-8\"",
        "application/vnd.edupulse+json", ""})
    void shouldAcceptJsonInUtf8OrNoContentType(final String contentType) {
        // Then
        assertThatCode(() -> ContentTypes.requireJson(contentType)).doesNotThrowAnyException();
        assertThatCode(() -> ContentTypes.requireJson(null)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "application/x-www-form-urlencoded", "text/csv", "application/json; charset=iso-8859-1"})
    void shouldRefuseOtherMediaTypesWith415(final String contentType) {
        // When / Then
        assertThatThrownBy(() -> ContentTypes.requireJson(contentType))
                .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.status()).isEqualTo(415));
    }
}
