package io.loginguard.auth.account;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RegistrationTest {

    static String email() {
        return "reg-" + UUID.randomUUID() + "@example.com";
    }

    @Test
    void registersAnAccount() {
        String email = email();
        given().contentType(ContentType.JSON).body("{\"email\":\"" + email + "\",\"password\":\"Correct1horse\"}")
                .post("/api/v1/accounts")
                .then().statusCode(201)
                .header("Location", containsString("/api/v1/accounts/"))
                .body("id", notNullValue())
                .body("email", equalTo(email))
                .body("status", equalTo("ACTIVE"))
                .body(not(containsString("Correct1horse")));
    }

    @Test
    void theSameEmailInAnyCaseIsTaken() {
        String email = email();
        register(email, "Correct1horse").then().statusCode(201);
        register(email.toUpperCase(), "Correct1horse").then().statusCode(409)
                .contentType("application/problem+json")
                .body("code", equalTo("email_taken"));
    }

    @Test
    void aWeakPasswordIsRefusedWithEveryBrokenRule() {
        register(email(), "short").then().statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("password_too_short"))
                .body("errors.code", hasItem("password_needs_digit"))
                .body("errors.field", hasItem("password"))
                .body("errors.message", hasItem("must be at least 8 characters"))
                .body("errors.message", hasItem("must contain an upper-case letter"))
                .body("errors.message", hasItem("must contain a digit"));
    }

    @Test
    void malformedJsonIsA400() {
        given().contentType(ContentType.JSON).body("{\"email\": \"x@example.com\", ")
                .post("/api/v1/accounts")
                .then().statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("malformed_json"))
                .body(not(containsString("Exception")));
    }

    @Test
    void aMissingFieldIsNamed() {
        given().contentType(ContentType.JSON).body("{\"password\":\"Correct1horse\"}")
                .post("/api/v1/accounts")
                .then().statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("invalid_field"))
                .body("errors.field", hasItem("email"));
    }

    @Test
    void aMissingBodyIsA400() {
        given().contentType(ContentType.JSON).post("/api/v1/accounts")
                .then().statusCode(400).contentType("application/problem+json")
                .body("code", notNullValue());
    }

    @Test
    void aWrongTypeIsNamed() {
        given().contentType(ContentType.JSON).body("{\"email\":{\"nested\":true},\"password\":\"Correct1horse\"}")
                .post("/api/v1/accounts")
                .then().statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("invalid_field"))
                .body("errors.field", hasItem("email"));
    }

    @Test
    void anInvalidEmailIsNamed() {
        register("not-an-email", "Correct1horse").then().statusCode(400)
                .body("code", equalTo("invalid_field"))
                .body("errors.field", hasItem("email"));
    }

    @Test
    void anOverlongFieldIsNamed() {
        register(email(), "Aa1" + "x".repeat(300)).then().statusCode(400)
                .body("code", equalTo("invalid_field"))
                .body("errors.field", hasItem("password"));
    }

    @Test
    void anOversizedBodyIsRefusedBeforeItIsRead() {
        String huge = "{\"email\":\"a@example.com\",\"password\":\"" + "A1a".repeat(20_000) + "\"}";
        given().contentType(ContentType.JSON).body(huge).post("/api/v1/accounts")
                .then().statusCode(413).contentType("application/problem+json")
                .body("code", equalTo("body_too_large"));
    }

    @Test
    void theOpenApiDocumentDescribesTheEndpoints() {
        given().accept("application/json").get("/q/openapi")
                .then().statusCode(200)
                .body(containsString("/api/v1/accounts"))
                .body(containsString("/api/v1/sessions"));
    }

    static io.restassured.response.Response register(String email, String password) {
        return given().contentType(ContentType.JSON)
                .body("{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}")
                .post("/api/v1/accounts");
    }
}
