package io.loginguard.ticket.cases;

import static io.loginguard.ticket.support.CaseApi.caseForm;
import static io.loginguard.ticket.support.CaseApi.emailCode;
import static io.loginguard.ticket.support.CaseApi.idAndSelfie;
import static io.loginguard.ticket.support.CaseApi.known;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.loginguard.events.AccountSnapshot;
import io.loginguard.ticket.account.AccountProjection;
import io.loginguard.ticket.support.CaseApi;
import io.loginguard.ticket.support.Documents;
import io.loginguard.ticket.support.Kafka;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every bad input is a clear 4xx with a code, and nothing of it is stored. */
@QuarkusTest
class BadInputTest {
    @Inject
    AccountProjection projection;
    @Inject
    AgroalDataSource db;

    AccountSnapshot account;
    String code;

    @BeforeEach
    void anAccountWithACode() {
        account = known(Kafka.account("bad-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com", null,
                AccountSnapshot.Status.ACTIVE, null, Set.of()), projection);
        code = emailCode(account, "UNABLE_TO_LOG_IN", 1);
    }

    @Test
    void anExecutableNamedJpgIsRefused() {
        Map<String, byte[]> files = idAndSelfie();
        files.put("idFront", Documents.windowsExecutable());
        refused(files, 400, "unsupported_file_type", "idFront");
    }

    @Test
    void aTruncatedPngIsRefused() {
        Map<String, byte[]> files = idAndSelfie();
        files.put("idBack", Documents.truncated(Documents.png(600, 400)));
        refused(files, 400, "unreadable_file", "idBack");
    }

    @Test
    void aTruncatedJpegIsRefused() {
        Map<String, byte[]> files = idAndSelfie();
        files.put("selfie", Documents.truncated(Documents.jpeg(600, 400)));
        refused(files, 400, "unreadable_file", "selfie");
    }

    @Test
    void anOversizedFileIsRefusedWith413() {
        Map<String, byte[]> files = idAndSelfie();
        byte[] big = new byte[10 * 1024 * 1024 + 1];
        System.arraycopy(Documents.jpeg(10, 10), 0, big, 0, 100);
        files.put("idFront", big);
        refused(files, 413, "file_too_large", "idFront");
    }

    @Test
    void filesOverTheCaseLimitAreRefusedWith413() {
        Map<String, byte[]> files = idAndSelfie();
        for (String part : new String[] {"idFront", "idBack", "selfie", "document"}) {
            byte[] nearly = new byte[8 * 1024 * 1024];
            System.arraycopy(Documents.jpeg(10, 10), 0, nearly, 0, 100);
            files.put(part, nearly);
        }
        refused(files, 413, "case_too_large", null);
    }

    @Test
    void aMissingPartIsNamed() {
        Map<String, byte[]> files = idAndSelfie();
        files.remove("selfie");
        refused(files, 400, "missing_part", "selfie");
    }

    @Test
    void anUnknownPartIsNamed() {
        Map<String, byte[]> files = idAndSelfie();
        files.put("passport", Documents.jpeg(10, 10));
        refused(files, 400, "unknown_part", "passport");
    }

    @Test
    void anUnknownAccountGetsTheAnswerOfAWrongCode() {
        long before = count("cases");
        ExtractableResponse<Response> unknown = caseForm("UNABLE_TO_LOG_IN", "nobody-" + UUID.randomUUID() + "@example.com",
                "123456", idAndSelfie()).when().post("/api/v1/cases").then().statusCode(400).extract();
        String wrong = code.equals("000000") ? "111111" : "000000";
        ExtractableResponse<Response> wrongCode = caseForm("UNABLE_TO_LOG_IN", account.email(), wrong, idAndSelfie())
                .when().post("/api/v1/cases").then().statusCode(400).extract();
        assertThat(unknown.asString()).isEqualTo(wrongCode.asString());
        assertThat(unknown.<String>path("code")).isEqualTo("invalid_code");
        assertThat(count("cases")).isEqualTo(before);
        // asking for a code: the same answer for an unknown email as for a known one
        String known = CaseApi.askCodes(account.email(), null, null).statusCode(202).extract().asString();
        String nobody = CaseApi.askCodes("nobody-" + UUID.randomUUID() + "@example.com", null, null).statusCode(202).extract().asString();
        assertThat(nobody).isEqualTo(known);
    }

    @Test
    void aWrongTypeOrMissingFieldIsNamed() {
        caseForm("PLEASE_UNLOCK", account.email(), code, idAndSelfie()).when().post("/api/v1/cases")
                .then().statusCode(400).body("code", equalTo("invalid_field")).body("field", equalTo("type"));
        caseForm("UNABLE_TO_LOG_IN", account.email(), null, idAndSelfie()).when().post("/api/v1/cases")
                .then().statusCode(400).body("code", equalTo("missing_field")).body("field", equalTo("code"));
        given().contentType("application/json").body("{\"identifier\":").when().post("/api/v1/cases/email-codes")
                .then().statusCode(400).body("code", equalTo("malformed_json"));
        given().contentType("application/json").body("{\"type\":\"x\"}").when().post("/api/v1/cases")
                .then().statusCode(415).body("code", equalTo("unsupported_media_type"));
        given().when().get("/api/v1/cases/not-a-uuid").then().statusCode(404);
    }

    @Test
    void theCodeIsNotSpentByARefusedRequestAndWorksAfter() {
        Map<String, byte[]> files = idAndSelfie();
        files.put("idFront", Documents.windowsExecutable());
        refused(files, 400, "unsupported_file_type", "idFront");
        caseForm("UNABLE_TO_LOG_IN", account.email(), code, idAndSelfie()).when().post("/api/v1/cases").then().statusCode(201);
        caseForm("UNABLE_TO_LOG_IN", account.email(), code, idAndSelfie()).when().post("/api/v1/cases")
                .then().statusCode(400).body("code", equalTo("invalid_code"));
    }

    private void refused(Map<String, byte[]> files, int status, String problem, String field) {
        long cases = count("cases");
        long stored = count("case_files");
        var then = caseForm("UNABLE_TO_LOG_IN", account.email(), code, files).when().post("/api/v1/cases")
                .then().statusCode(status).contentType("application/problem+json").body("code", equalTo(problem));
        if (field != null) {
            then.body("field", equalTo(field));
        }
        assertThat(count("cases")).as("no case stored").isEqualTo(cases);
        assertThat(count("case_files")).as("no file stored").isEqualTo(stored);
    }

    private long count(String table) {
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
