package org.edupulse.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.edupulse.schemas.PeriodGrain;
import org.edupulse.schemas.PeriodIndicators;
import org.edupulse.schemas.TrainingEvent;
import org.edupulse.serde.SerdeConfig;
import org.edupulse.serde.SpecificAvroSerde;
import org.edupulse.streams.IndicatorCatalog;
import org.edupulse.streams.IndicatorDefinition;
import org.edupulse.streams.ProvinceCalendar;
import org.edupulse.topics.Topics;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.PrintsPage;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.print.PageSize;
import org.openqa.selenium.print.PrintOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in headless Chromium against a real pipeline: it loads with no internet (the chart
 * library comes from this server), shows every district, and a newly published training session
 * changes its district's figure on screen; a district name made of markup shows as text in the
 * chart tooltips and runs nothing, under a Content-Security-Policy the page never violates.
 * The page is in Vietnamese unless the reader chose English, which it remembers; the tests run in
 * both. It drills from the province to a school and back by clicks and by address, downloads tables
 * and series as CSV and .xlsx that read back with the API's figures, compares two school years and
 * prints Mường Ảng's 2024–2025 report on one A4 page. Screenshots of the main views go to
 * {@code serving/docs/} (referenced from serving/README.md).
 */
@ExtendWith(PipelineExtension.class)
class DashboardBrowserIT {

    private static final File CHROMIUM = new File("/usr/bin/chromium");
    private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");
    private static final String SESSIONS = "training.sessions.total";
    /** The sessions held in a period: the trend's default indicator. */
    private static final String PERIOD_SESSIONS = "training.sessions";
    private static final String SHARE = "staff.it_certified.share";
    /** A year long before the simulated history, written to the periods topic with no certification share. */
    private static final String EMPTY_YEAR = "2001";
    /**
     * Where the screenshots of the main views go (the module is the working directory): {@code target/screenshots},
     * so that a build leaves the tracked files alone; with {@code -Ddocs.update=true}, {@code docs/}, the ones
     * serving/README.md shows, to be committed.
     */
    private static final Path DOCS = Boolean.getBoolean("docs.update") ? Path.of("docs")
            : Path.of("target", "screenshots");
    /** A figure of the headline cards in Vietnamese: 84,5 % (a no-break space before the sign reads as a space). */
    private static final String VI_PERCENT = "\\d{1,3},\\d %";
    /** Mường Ảng, whose school-year report must fit one A4 page. */
    private static final String MUONG_ANG = "DB-MA";
    /** A district name a hostile or careless reference record could carry: an image whose error handler runs script. */
    private static final String HOSTILE_NAME = "<img src=x onerror=\"window.__pwned=1\"> Mường Ảng";
    /** A sponsorship programme's name as a careless or hostile device record could give it. */
    private static final String HOSTILE_PROGRAMME = "<img src=x onerror=\"window.__pwned=2\"> Chương trình";
    private static final String BY_PROGRAMME = IndicatorCatalog.SPONSORED_BY_PROGRAMME;

    @BeforeAll
    static void requireABrowser() {
        Assumptions.assumeTrue(CHROMIUM.canExecute() && CHROMEDRIVER.canExecute(),
                "needs Debian's chromium and chromium-driver (/usr/bin/chromium, /usr/bin/chromedriver); "
                        + ".ci/run installs them");
    }

    @Test
    void shouldShowEveryDistrictAndFollowALiveUpdate(final Pipeline pipeline, @TempDir final Path temp)
            throws Exception {
        // Given a running pipeline and its dashboard open in a browser
        try (Dashboard dashboard = Dashboard.open(pipeline, temp, "serving-dashboard-it")) {
            final QueryServer server = dashboard.server();
            final WebDriver browser = dashboard.browser();
            assertThat(server.awaitReaders(Duration.ofSeconds(10))).isTrue();
            browser.get(server.url() + "/");
            final WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));

            // Then it shows, in Vietnamese, every district, the headline figures with definitions and a freshness mark
            wait.until(b -> b.findElements(By.cssSelector("#districts-body tr[data-unit]")).size()
                    == Pipeline.DISTRICTS);
            wait.until(b -> "true".equals(b.findElement(By.tagName("body")).getDomAttribute("data-ready")));
            assertThat(browser.findElement(By.tagName("html")).getDomAttribute("lang")).isEqualTo("vi");
            assertThat(browser.findElements(By.cssSelector("#headline .card"))).hasSize(8);
            final WebElement certified = browser.findElement(
                    By.cssSelector("#headline .card[data-indicator='staff.it_certified.share']"));
            assertThat(certified.getDomProperty("title")).startsWith("Tỷ lệ cán bộ, giáo viên có chứng chỉ CNTT")
                    .contains("tỷ lệ phần trăm");
            assertThat(certified.findElement(By.className("value")).getText()).matches(VI_PERCENT);
            assertThat(certified.findElement(By.className("label")).getText())
                    .isEqualTo("Cán bộ, giáo viên có chứng chỉ CNTT");
            // and a count as the API has it, with a dot between thousands (15.614)
            final JsonNode provinceSet = Http.json(Http.get(server.url() + "/api/v1/provinces")).get(0);
            final WebElement staff = browser.findElement(By.cssSelector("#headline .card[data-indicator='staff.active'] .value"));
            wait.until(b -> viCount(provinceSet.at("/indicators/staff.active/value").asLong()).equals(staff.getText()));
            assertThat(browser.findElement(By.id("province-name")).getText()).isNotBlank()
                    .isNotEqualTo("Tỉnh");
            wait.until(b -> b.findElement(By.id("updated")).getText().startsWith("Cập nhật"));
            assertThat(browser.findElement(By.id("as-of")).getText())
                    .startsWith("Số liệu phản ánh các sự kiện đến").containsPattern("\\d{2}/\\d{2}/\\d{4}");
            assertThat(browser.findElement(By.cssSelector("#districts-head th[data-indicator='" + SESSIONS + "']"))
                    .getDomProperty("title")).contains("buổi tập huấn");
            assertThat(browser.findElement(By.id("districts-title")).getText()).isEqualTo("Các huyện");
            // ... and each district's row shows its data-quality findings, as the API counts them
            for (final JsonNode set : Http.json(Http.get(server.url() + "/api/v1/districts"))) {
                final By findings = By.cssSelector("tr[data-unit='" + set.get("unitId").asText()
                        + "'] td[data-indicator='quality.findings.total']");
                final String expected = viCount(set.at("/indicators/quality.findings.total/value").asLong());
                wait.until(b -> expected.equals(b.findElement(findings).getText()));
            }
            wait.until(b -> b.findElement(By.id("live-dot")).getDomAttribute("class").contains("live"));

            // When a new training session is published
            final TrainingEvent session = pipeline.publishTrainingSession();
            final String district = pipeline.districtOf(session.getSchoolId());
            final By cell = By.cssSelector("tr[data-unit='" + district + "'] td[data-indicator='" + SESSIONS + "']");
            final String before = browser.findElement(cell).getText();

            // Then the district's figure changes on screen without a reload
            new WebDriverWait(browser, Duration.ofSeconds(30)).until(b -> !before.equals(b.findElement(cell).getText()));
            assertThat(viNumber(browser.findElement(cell).getText())).isGreaterThan(viNumber(before));
            assertThat(browser.findElement(By.tagName("body")).getDomAttribute("data-updates")).isNotBlank();
            // And the page says which day the rolling windows end on: today, in the province
            new WebDriverWait(browser, Duration.ofSeconds(30)).until(b -> b.findElement(By.id("as-of")).getText()
                    .contains("các chỉ số 30/90/365 ngày tính đến hết ngày"));
            final java.time.ZoneId province = ProvinceCalendar.ZONE;
            final java.time.Instant evaluatedAt = java.time.Instant.parse(
                    browser.findElement(By.id("as-of")).getDomAttribute("data-evaluated-at"));
            assertThat(java.time.LocalDate.ofInstant(evaluatedAt, province))
                    .isEqualTo(java.time.LocalDate.now(province));
            waitForChartsToSettle(browser);
            screenshot(browser, DOCS.resolve("dashboard-vi.png"));

            browser.manage().window().setSize(new Dimension(412, 2400));
            waitForChartsToSettle(browser);
            screenshot(browser, DOCS.resolve("dashboard-phone-vi.png"));

            // When the reader switches to English
            browser.manage().window().setSize(new Dimension(1440, 2300));
            browser.findElement(By.id("lang-switch")).click();

            // Then every label, number and date is in English, and the choice is remembered across a reload
            for (int visit = 0; visit < 2; visit++) {
                wait.until(b -> "en".equals(b.findElement(By.tagName("html")).getDomAttribute("lang"))
                        && "true".equals(b.findElement(By.tagName("body")).getDomAttribute("data-ready")));
                final WebElement share = browser.findElement(
                        By.cssSelector("#headline .card[data-indicator='staff.it_certified.share']"));
                assertThat(share.getDomProperty("title")).startsWith("Staff with IT certification")
                        .contains("percentage");
                assertThat(share.findElement(By.className("value")).getText()).matches("\\d{1,3}\\.\\d%");
                wait.until(b -> b.findElement(By.id("updated")).getText().startsWith("Updated"));
                assertThat(browser.findElement(By.id("as-of")).getText()).startsWith("Figures reflect events up to");
                assertThat(browser.findElement(By.id("districts-title")).getText()).isEqualTo("Districts");
                assertThat(browser.findElement(By.id("lang-switch")).getText()).isEqualTo("Tiếng Việt");
                assertThat(browser.findElement(By.cssSelector("#headline .card[data-indicator='staff.active'] .value"))
                        .getText()).doesNotContain(".");
                browser.navigate().refresh();
            }
            wait.until(b -> "true".equals(b.findElement(By.tagName("body")).getDomAttribute("data-ready")));
            waitForChartsToSettle(browser);
            screenshot(browser, DOCS.resolve("dashboard-en.png"));
            assertThat(contentSecurityViolations(browser)).isEmpty();
        }
    }

    @Test
    void shouldShowAMarkupDistrictNameAsTextInTheChartTooltipsAndRunNothing(final Pipeline pipeline,
                                                                           @TempDir final Path temp) throws Exception {
        // Given a running pipeline in which a school's reference record renamed its district to markup with a script
        try (Dashboard dashboard = Dashboard.open(pipeline, temp, "serving-dashboard-names-it")) {
            final QueryServer server = dashboard.server();
            final WebDriver browser = dashboard.browser();
            final String district = pipeline.renameADistrict(HOSTILE_NAME);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() -> HOSTILE_NAME.equals(
                    Http.json(Http.get(server.url() + "/api/v1/districts/" + district)).path("unitName").asText()));

            // When the dashboard is open and the mouse rests on that district in each bar chart, then on the trend
            browser.get(server.url() + "/");
            final WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
            wait.until(b -> "true".equals(b.findElement(By.tagName("body")).getDomAttribute("data-ready")));
            final WebElement barTooltip = hover(browser, "bar-chart", HOSTILE_NAME);
            final String barText = barTooltip.getText();
            final WebElement computersTooltip = hover(browser, "computers-chart", HOSTILE_NAME);
            final String computersText = computersTooltip.getText();
            wait.until(b -> b.findElement(By.id("trend-note")).getText().contains("điểm theo tháng"));
            final String trendText = hover(browser, "trend-chart", null).getText();
            // and on the trend of that district
            new Select(browser.findElement(By.id("trend-unit"))).selectByValue(district);
            wait.until(b -> b.findElement(By.id("trend-note")).getText().contains("điểm theo tháng")
                    && b.findElement(By.id("trend-note")).getText().contains(seriesName(server, district)));
            final String districtTrendText = trendTip(browser, 0).getText();

            // Then the name shows as text, in the table and in both tooltips
            assertThat(browser.findElement(By.cssSelector("tr[data-unit='" + district + "'] .unit-name")).getText())
                    .isEqualTo(HOSTILE_NAME);
            assertThat(barText).startsWith(HOSTILE_NAME).contains("Tỷ lệ cán bộ, giáo viên có chứng chỉ CNTT")
                    .contains("%");
            assertThat(computersText).startsWith(HOSTILE_NAME).contains("Dạy học").contains("Văn phòng");
            assertThat(trendText).contains("Buổi tập huấn tổ chức trong kỳ");
            assertThat(districtTrendText).startsWith(seriesName(server, district))
                    .contains("Buổi tập huấn tổ chức trong kỳ");

            // When the reader drills into that district, whose page names it in the breadcrumb, the
            // headline and the printed report
            browser.findElement(By.cssSelector("tr[data-unit='" + district + "'] a.unit-name")).click();
            awaitView(wait, district);
            wait.until(b -> "true".equals(b.findElement(By.id("report")).getDomAttribute("data-ready")));

            // Then the name is text there too
            final List<String> crumbs = breadcrumb(browser);
            assertThat(crumbs.get(crumbs.size() - 1)).isEqualTo(HOSTILE_NAME);
            assertThat(browser.findElement(By.id("headline-title")).getDomProperty("textContent"))
                    .isEqualTo("Số liệu chính: " + HOSTILE_NAME);
            assertThat(browser.findElement(By.cssSelector("#report .unit")).getDomProperty("textContent"))
                    .startsWith(HOSTILE_NAME + " · ");
            // and no element was injected and no script ran, not even once the image would have failed to load
            assertThat(browser.findElements(By.tagName("img"))).isEmpty();
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(
                    () -> ((JavascriptExecutor) browser).executeScript("return typeof window.__pwned"),
                    "undefined"::equals);
            // and the page, tooltips included, needed nothing its Content-Security-Policy forbids
            assertThat(contentSecurityViolations(browser)).isEmpty();
        }
    }

    @Test
    void shouldDrawTheSeriesTheApiAnswersForTheChosenUnitIndicatorAndGrain(final Pipeline pipeline,
                                                                         @TempDir final Path temp) throws Exception {
        // Given a running pipeline that has published the periods of its history
        try (Dashboard dashboard = Dashboard.open(pipeline, temp, "serving-dashboard-series-it")) {
            final QueryServer server = dashboard.server();
            final WebDriver browser = dashboard.browser();
            final String district = Http.json(Http.get(server.url() + "/api/v1/districts")).get(0)
                    .get("unitId").asText();
            // ... through its last session: the district's months add up to its all-time total
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() ->
                    monthlySessionsAddUpToTheTotal(server, district));
            // and one year of the district whose certification share has no value (it had no staff)
            publishAYearWithNoValue(pipeline, district);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() ->
                    Http.get(server.url() + seriesPath(district, SHARE, "year")).body().contains(EMPTY_YEAR));

            // When the dashboard is open in English and the trend shows that district (monthly training sessions by default)
            openIn(browser, server.url() + "/", "en");
            final WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
            wait.until(b -> "true".equals(b.findElement(By.tagName("body")).getDomAttribute("data-ready")));
            assertThat(new Select(browser.findElement(By.id("trend-grain"))).getFirstSelectedOption()
                    .getDomAttribute("value")).isEqualTo("month");
            assertThat(new Select(browser.findElement(By.id("trend-indicator"))).getOptions())
                    .extracting(option -> option.getDomAttribute("value"))
                    .containsExactlyElementsOf(IndicatorCatalog.periods().stream().map(IndicatorDefinition::id)
                            .toList())
                    .doesNotContain("training.sessions.30d", "quality.findings.total");
            new Select(browser.findElement(By.id("trend-unit"))).selectByValue(district);
            final JsonNode months = Http.json(Http.get(server.url() + seriesPath(district, PERIOD_SESSIONS, "month")));

            // Then it draws one point per month the API answers, with the API's values
            wait.until(b -> drawnValues(b).equals(values(months)));
            assertThat(months.get("points").size()).as("monthly points of the history").isGreaterThanOrEqualTo(12);
            assertThat(drawnLabels(browser)).hasSize(months.get("points").size());
            assertThat(browser.findElement(By.id("trend-note")).getText())
                    .startsWith(months.get("points").size() + " monthly points of Training sessions held in the period");
            final JsonNode lastMonth = months.at("/points/" + (months.get("points").size() - 1));
            final String lastTip = trendTip(browser, months.get("points").size() - 1).getText();
            assertThat(lastTip).startsWith(months.get("unitName").asText());
            if (!lastMonth.get("complete").asBoolean()) {
                assertThat(lastTip).contains("incomplete");
            }

            // When the grain is the quarter
            new Select(browser.findElement(By.id("trend-grain"))).selectByValue("quarter");
            final JsonNode quarters = Http.json(Http.get(server.url()
                    + seriesPath(district, PERIOD_SESSIONS, "quarter")));

            // Then it draws the quarters, fewer points, each the sum of its months
            wait.until(b -> drawnValues(b).equals(values(quarters)));
            assertThat(quarters.get("points").size()).isLessThan(months.get("points").size());
            assertThat(drawnLabels(browser).get(0)).matches("Q[1-4] \\d{4}");
            assertThat(values(quarters).stream().mapToDouble(Double::doubleValue).sum())
                    .isEqualTo(values(months).stream().mapToDouble(Double::doubleValue).sum());

            // When the indicator is the certification share, per year
            new Select(browser.findElement(By.id("trend-indicator"))).selectByValue(SHARE);
            new Select(browser.findElement(By.id("trend-grain"))).selectByValue("year");
            final JsonNode years = Http.json(Http.get(server.url() + seriesPath(district, SHARE, "year")));

            // Then the year with no value is a gap and reads "no data", never 0
            wait.until(b -> drawnValues(b).equals(values(years)));
            assertThat(drawnValues(browser).get(0)).isNull();
            final String gapTip = trendTip(browser, 0).getText();
            assertThat(gapTip).contains(EMPTY_YEAR).contains("no data").doesNotContain("0.0%");
            assertThat(trendTip(browser, 1).getText()).contains("%").doesNotContain("no data");
            assertThat(browser.findElement(By.id("trend-note")).getText()).contains("1 with no data");

            // When the same is shown in Vietnamese
            openIn(browser, server.url() + "/", "vi");
            wait.until(b -> "true".equals(b.findElement(By.tagName("body")).getDomAttribute("data-ready")));
            new Select(browser.findElement(By.id("trend-unit"))).selectByValue(district);
            new Select(browser.findElement(By.id("trend-indicator"))).selectByValue(SHARE);
            new Select(browser.findElement(By.id("trend-grain"))).selectByValue("year");

            // Then the gap reads "không có dữ liệu", and a year with a value is a Vietnamese percentage
            wait.until(b -> drawnValues(b).equals(values(years)));
            assertThat(trendTip(browser, 0).getText()).contains(EMPTY_YEAR).contains("không có dữ liệu")
                    .containsPattern("\\d{2}/\\d{2}/" + EMPTY_YEAR);
            assertThat(trendTip(browser, 1).getText()).containsPattern("\\d,\\d %");
            assertThat(browser.findElement(By.id("trend-note")).getText()).contains("1 điểm không có dữ liệu");
            assertThat(contentSecurityViolations(browser)).isEmpty();
        }
    }

    @Test
    void shouldDrillFromTheProvinceToASchoolAndBackByClicksAndByUrl(final Pipeline pipeline, @TempDir final Path temp)
            throws Exception {
        // Given a running pipeline and its dashboard open on the province
        try (Dashboard dashboard = Dashboard.open(pipeline, temp, "serving-dashboard-drill-it")) {
            final QueryServer server = dashboard.server();
            final WebDriver browser = dashboard.browser();
            // and has published every district's months (periods follow a unit's changes by up to 60 s)
            final List<String> districts = new ArrayList<>();
            Http.json(Http.get(server.url() + "/api/v1/districts")).forEach(set -> districts.add(set.get("unitId")
                    .asText()));
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> districts.stream()
                    .allMatch(id -> Http.get(server.url() + seriesPath(id, PERIOD_SESSIONS, "month")).statusCode() == 200));
            final JsonNode province = Http.json(Http.get(server.url() + "/api/v1/provinces")).get(0);
            browser.get(server.url() + "/");
            final WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            awaitView(wait, "province");
            wait.until(b -> b.findElements(By.cssSelector("#districts-body tr[data-unit]")).size()
                    == Pipeline.DISTRICTS);

            // When the reader clicks a district's row
            final String district = browser.findElements(By.cssSelector("#districts-body tr[data-unit]")).get(0)
                    .getDomAttribute("data-unit");
            browser.findElement(By.cssSelector("#districts-body tr[data-unit='" + district
                    + "'] td[data-indicator='staff.active']")).click();

            // Then the page is the district's: its address, its breadcrumb, its figures and its schools
            awaitView(wait, district);
            final JsonNode districtSet = Http.json(Http.get(server.url() + "/api/v1/units/" + district));
            assertThat(browser.getCurrentUrl()).endsWith("/#/unit/" + district);
            assertThat(breadcrumb(browser)).containsExactly(province.get("unitName").asText(),
                    districtSet.get("unitName").asText());
            assertThat(headline(browser, "staff.active"))
                    .isEqualTo(viCount(districtSet.at("/indicators/staff.active/value").asLong()));
            assertThat(browser.findElement(By.id("districts-title")).getText()).isEqualTo("Các trường");
            // and the time its figures reflect
            final String through = districtSet.get("dataThrough").asText();
            assertThat(browser.findElement(By.id("figures-time")).getText())
                    .startsWith("Số liệu của " + districtSet.get("unitName").asText() + " phản ánh dữ liệu đến")
                    .contains(java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy").format(
                            java.time.Instant.parse(through).atZone(ProvinceCalendar.ZONE)));
            final List<String> schools = new ArrayList<>();
            Http.json(Http.get(server.url() + "/api/v1/units?level=SCHOOL&parent=" + district)).get("units")
                    .forEach(unit -> schools.add(unit.get("id").asText()));
            assertThat(schools).isNotEmpty();
            assertThat(browser.findElements(By.cssSelector("#districts-body tr[data-unit]")))
                    .extracting(row -> row.getDomAttribute("data-unit")).containsExactlyInAnyOrderElementsOf(schools);
            waitForChartsToSettle(browser);
            screenshot(browser, DOCS.resolve("dashboard-district-vi.png"));

            // When the reader downloads the table as a workbook and as CSV, and the trend as a workbook
            final Path downloads = temp.resolve("downloads");
            browser.findElement(By.id("table-xlsx")).click();
            browser.findElement(By.id("table-csv")).click();
            wait.until(b -> drawnValues(b).size() > 0);
            browser.findElement(By.id("trend-xlsx")).click();

            // Then the workbook has the API's figures of every school and of the district, as numbers
            final Map<String, List<Object>> sheet = sheetRows(awaitDownload(downloads, district + ".xlsx"), "Các trường");
            assertThat(sheet.get("header")).startsWith("Mã đơn vị", "Tên đơn vị", "Cấp")
                    .contains("Tỷ lệ cán bộ, giáo viên có chứng chỉ CNTT (%)");
            final int staffColumn = sheet.get("header").indexOf("Cán bộ, giáo viên, nhân viên đang làm việc");
            for (final String id : schools) {
                final JsonNode staffValue = Http.json(Http.get(server.url() + "/api/v1/units/" + id))
                        .at("/indicators/staff.active/value");
                assertThat(sheet.get(id).get(staffColumn)).as(id)
                        .isEqualTo(staffValue.isMissingNode() ? null : staffValue.asDouble());
            }
            assertThat(sheet.get(district).get(staffColumn))
                    .isEqualTo(districtSet.at("/indicators/staff.active/value").asDouble());
            // and the CSV the same, with the same headings
            final List<String> csv = Files.readAllLines(awaitDownload(downloads, district + ".csv"));
            assertThat(csv.get(0)).startsWith("\uFEFFMã đơn vị,Tên đơn vị,Cấp,");
            assertThat(csv).anySatisfy(line -> assertThat(line).startsWith(district + ","));
            assertThat(csv).hasSize(1 + schools.size() + 1);
            // and the trend's workbook has the series' values, period by period
            final JsonNode series = Http.json(Http.get(server.url() + seriesPath(district, PERIOD_SESSIONS, "month")));
            final Map<String, List<Object>> trend = sheetRows(awaitDownload(downloads,
                    district + "-" + PERIOD_SESSIONS + "-month.xlsx"), "Chuỗi số liệu");
            assertThat(trend.get("header")).containsExactly("Kỳ", "Ngày bắt đầu", "Ngày kết thúc", "Kỳ đã kết thúc",
                    "Tử số", "Mẫu số", "Giá trị");
            series.get("points").forEach(point -> assertThat(trend.get(point.get("period").asText()).get(6))
                    .as(point.get("period").asText()).isEqualTo(point.get("value").asDouble()));

            // When the reader clicks a school's name
            final String school = browser.findElements(By.cssSelector("#districts-body tr[data-unit]")).get(0)
                    .getDomAttribute("data-unit");
            browser.findElement(By.cssSelector("#districts-body tr[data-unit='" + school + "'] a.unit-name")).click();

            // Then the school's page lists its own figures, as the API has them, under its district
            awaitView(wait, school);
            final JsonNode schoolSet = Http.json(Http.get(server.url() + "/api/v1/units/" + school));
            assertThat(browser.getCurrentUrl()).endsWith("/#/unit/" + school);
            assertThat(browser.findElement(By.id("figures-panel")).isDisplayed()).isTrue();
            assertThat(browser.findElement(By.id("children-panel")).isDisplayed()).isFalse();
            assertThat(browser.findElement(By.cssSelector("#figures-body tr[data-indicator='staff.active'] .value"))
                    .getText()).isEqualTo(viCount(schoolSet.at("/indicators/staff.active/value").asLong()));
            assertThat(browser.findElements(By.cssSelector("#figures-body tr[data-indicator]")))
                    .hasSize(IndicatorCatalog.all().size());
            // (the indicators of catalog 1.3.0 among them, e.g. the purchased tablets, with the API's figure)
            assertThat(browser.findElement(By.cssSelector(
                    "#figures-body tr[data-indicator='devices.tablets.purchased'] .value")).getText())
                    .isEqualTo(viCount(schoolSet.at("/indicators/devices.tablets.purchased/value").asLong()));
            // and every live indicator can be charted, every period indicator traced and compared
            assertThat(optionValues(browser, "bar-indicator")).containsExactlyElementsOf(
                    IndicatorCatalog.all().stream().map(IndicatorDefinition::id).toList());
            assertThat(optionValues(browser, "trend-indicator")).containsExactlyElementsOf(
                    IndicatorCatalog.periods().stream().map(IndicatorDefinition::id).toList())
                    .contains("training.students_reached.digital_skills", "training.sessions.led_by_it.share");
            final List<String> crumbs = breadcrumb(browser);
            assertThat(crumbs.get(0)).isEqualTo(province.get("unitName").asText());
            assertThat(crumbs).contains(districtSet.get("unitName").asText());
            assertThat(crumbs.get(crumbs.size() - 1)).isEqualTo(schoolSet.get("unitName").asText());
            screenshot(browser, DOCS.resolve("dashboard-school-vi.png"));

            // When the reader clicks the province in the breadcrumb
            browser.findElement(By.cssSelector("#breadcrumb-list a[data-unit='" + province.get("unitId").asText()
                    + "']")).click();

            // Then the province shows again with every district
            awaitView(wait, "province");
            wait.until(b -> b.findElements(By.cssSelector("#districts-body tr[data-unit]")).size()
                    == Pipeline.DISTRICTS);
            assertThat(browser.findElement(By.id("districts-title")).getText()).isEqualTo("Các huyện");

            // When the reader clicks the district's bar
            waitForChartsToSettle(browser);
            click(browser, "bar-chart", districtSet.get("unitName").asText());

            // Then it is the district's page again
            awaitView(wait, district);

            // When the school's address, with a period, is opened directly
            browser.get(server.url() + "/#/unit/" + school + "?period=2025-Q3");

            // Then it shows the school, and links keep the period
            awaitView(wait, school);
            assertThat(breadcrumb(browser).get(crumbs.size() - 1)).isEqualTo(schoolSet.get("unitName").asText());
            assertThat(browser.findElement(By.cssSelector("#breadcrumb-list a[data-unit='" + district + "']"))
                    .getDomAttribute("href")).isEqualTo("#/unit/" + district + "?period=2025-Q3");
            // and the browser's back button returns to the district
            browser.navigate().back();
            awaitView(wait, district);

            // When a school with sponsored devices also receives a tablet from a programme named in markup
            final String sponsored = schoolWithSponsoredDevices(server.url());
            pipeline.publishSponsoredTablet(sponsored, HOSTILE_PROGRAMME);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> Http.json(
                    Http.get(server.url() + "/api/v1/units/" + sponsored)).at("/breakdowns/" + BY_PROGRAMME)
                    .has(HOSTILE_PROGRAMME));
            final JsonNode byProgramme = Http.json(Http.get(server.url() + "/api/v1/units/" + sponsored))
                    .get("breakdowns").get(BY_PROGRAMME);
            browser.get(server.url() + "/#/unit/" + sponsored);

            // Then its page shows its sponsored devices by programme, each with the API's figure, names as text
            awaitView(wait, sponsored);
            final By rows = By.cssSelector("#breakdowns [data-breakdown='" + BY_PROGRAMME + "'] tbody tr");
            wait.until(b -> b.findElements(rows).size() == byProgramme.size());
            assertThat(browser.findElement(By.id("breakdowns-panel")).isDisplayed()).isTrue();
            assertThat(browser.findElement(By.cssSelector("#breakdowns [data-breakdown='" + BY_PROGRAMME + "'] h3"))
                    .getText()).isEqualTo("Thiết bị được tài trợ theo chương trình");
            final Map<String, String> shownByProgramme = new java.util.LinkedHashMap<>();
            browser.findElements(rows).forEach(row -> shownByProgramme.put(row.findElement(By.cssSelector(".key"))
                    .getText(), row.findElement(By.cssSelector(".value")).getText()));
            final Map<String, String> expectedByProgramme = new java.util.LinkedHashMap<>();
            byProgramme.fields().forEachRemaining(entry -> expectedByProgramme.put(entry.getKey(),
                    viCount(entry.getValue().get("value").asLong())));
            assertThat(shownByProgramme).isEqualTo(expectedByProgramme).containsKey(HOSTILE_PROGRAMME);
            assertThat(browser.findElements(By.cssSelector("#breakdowns img"))).isEmpty();
            assertThat(((JavascriptExecutor) browser).executeScript("return typeof window.__pwned"))
                    .isEqualTo("undefined");
            ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({ block: 'center' });",
                    browser.findElement(By.id("breakdowns-panel")));
            screenshot(browser, DOCS.resolve("dashboard-breakdown-vi.png"));
            assertThat(contentSecurityViolations(browser)).isEmpty();
        }
    }

    @Test
    void shouldCompareTwoSchoolYearsAndPrintMuongAngsReportOnOneA4Page(final Pipeline pipeline, @TempDir final Path temp)
            throws Exception {
        // Given a running pipeline that has published Mường Ảng's school years, as of the whole history: a unit's
        // periods may be published while its history is still being read (at the latest a minute after its first
        // change), so until its current month shows the staff its live figures show, they may be a partial view
        try (Dashboard dashboard = Dashboard.open(pipeline, temp, "serving-dashboard-report-it")) {
            final QueryServer server = dashboard.server();
            final WebDriver browser = dashboard.browser();
            final String thisMonth = java.time.YearMonth.now(ProvinceCalendar.ZONE).toString();
            final long liveStaff = Http.json(Http.get(server.url() + "/api/v1/units/" + MUONG_ANG))
                    .at("/indicators/staff.active/value").asLong();
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() ->
                    periodStaff(server, MUONG_ANG, "2023-2024") >= 0 && periodStaff(server, MUONG_ANG, "2024-2025") >= 0
                            && periodStaff(server, MUONG_ANG, thisMonth) == liveStaff);
            final JsonNode year = Http.json(Http.get(server.url() + "/api/v1/units/" + MUONG_ANG + "/periods/2024-2025"));
            final JsonNode before = Http.json(Http.get(server.url() + "/api/v1/units/" + MUONG_ANG
                    + "/periods/2023-2024"));

            // When Mường Ảng's page is opened on school year 2024–2025
            browser.get(server.url() + "/#/unit/" + MUONG_ANG + "?period=2024-2025");
            final WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            awaitView(wait, MUONG_ANG);
            wait.until(b -> "2024-2025".equals(b.findElement(By.id("period-a")).getDomProperty("value"))
                    && !b.findElements(By.cssSelector("#compare-body tr[data-indicator]")).isEmpty());
            assertThat(new Select(browser.findElement(By.id("period-grain"))).getFirstSelectedOption()
                    .getDomAttribute("value")).isEqualTo("school-year");

            // and the reader compares it with the school year before
            new Select(browser.findElement(By.id("period-b"))).selectByValue("2023-2024");

            // Then the address says so, and the two years stand side by side with the change, as the API has them
            wait.until(b -> b.getCurrentUrl().endsWith("#/unit/" + MUONG_ANG + "?period=2024-2025&compare=2023-2024")
                    && !b.findElements(By.cssSelector("#compare-body tr[data-indicator='staff.active'] .change")).isEmpty());
            assertThat(browser.findElements(By.cssSelector("#compare-head th"))).extracting(th -> th.getDomProperty("textContent"))
                    .containsExactly("Chỉ số", "Năm học 2024–2025", "Năm học 2023–2024", "Chênh lệch");
            final long staffNow = year.at("/indicators/staff.active/value").asLong();
            final long staffBefore = before.at("/indicators/staff.active/value").asLong();
            final By staffRow = By.cssSelector("#compare-body tr[data-indicator='staff.active']");
            assertThat(browser.findElement(staffRow).findElement(By.className("a")).getText()).isEqualTo(viCount(staffNow));
            assertThat(browser.findElement(staffRow).findElement(By.className("b")).getText())
                    .isEqualTo(viCount(staffBefore));
            assertThat(browser.findElement(staffRow).findElement(By.className("change")).getText())
                    .isEqualTo((staffNow > staffBefore ? "+" : staffNow < staffBefore ? "-" : "")
                            + viCount(Math.abs(staffNow - staffBefore)));
            assertThat(browser.findElement(By.cssSelector("#compare-body tr[data-indicator='" + SHARE + "'] .a"))
                    .getText()).matches(VI_PERCENT);
            assertThat(browser.findElement(By.id("period-note")).getText()).startsWith("Năm học 2024–2025: từ 01/09/2024 đến 31/08/2025");
            ((JavascriptExecutor) browser).executeScript(
                    "document.getElementById('period-panel').scrollIntoView({ block: 'start' });");
            screenshot(browser, DOCS.resolve("dashboard-compare-vi.png"));
            // and the two years download as a workbook with the API's figures and the change, as numbers
            browser.findElement(By.id("compare-xlsx")).click();
            final Map<String, List<Object>> compared = sheetRows(awaitDownload(temp.resolve("downloads"),
                    MUONG_ANG + "-2024-2025-2023-2024.xlsx"), "So sánh hai kỳ");
            assertThat(compared.get("header")).containsExactly("Chỉ số", "Mã chỉ số", "Năm học 2024–2025",
                    "Năm học 2023–2024", "Chênh lệch");
            assertThat(compared.get("Cán bộ, giáo viên, nhân viên đang làm việc")).containsExactly(
                    "Cán bộ, giáo viên, nhân viên đang làm việc", "staff.active", (double) staffNow,
                    (double) staffBefore, (double) (staffNow - staffBefore));

            // When the report of that school year is printed to PDF on A4
            wait.until(b -> "true".equals(b.findElement(By.id("report")).getDomAttribute("data-ready"))
                    && "2024-2025".equals(b.findElement(By.id("report")).getDomAttribute("data-period")));
            final PrintOptions a4 = new PrintOptions();
            a4.setPageSize(new PageSize(29.7, 21.0));
            a4.setBackground(true);
            final byte[] pdf = Base64.getDecoder().decode(((PrintsPage) browser).print(a4).getContent());
            Files.createDirectories(Path.of("target"));
            Files.write(Path.of("target", "report-" + MUONG_ANG + "-2024-2025.pdf"), pdf);

            // Then it is one page, and it holds the year's figures and the unit's schools
            assertThat(pdfPages(pdf)).isEqualTo(1);
            ((ChromeDriver) browser).executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
            browser.manage().window().setSize(new Dimension(794, 1123));
            screenshot(browser, DOCS.resolve("report-a4-vi.png"));
            final String report = (String) ((JavascriptExecutor) browser).executeScript(
                    "return document.getElementById('report').textContent;");
            assertThat(report).contains(year.get("unitName").asText() + " · Năm học 2024–2025")
                    .contains("Các trường").contains("Định nghĩa").contains(viCount(staffNow));
            assertThat(contentSecurityViolations(browser)).isEmpty();
        }
    }

    /** The pages of a PDF Chromium printed: its page objects (its page tree is not compressed). */
    private static int pdfPages(final byte[] pdf) {
        final java.util.regex.Matcher pages = java.util.regex.Pattern.compile("/Type\\s*/Page(?![a-zA-Z])")
                .matcher(new String(pdf, java.nio.charset.StandardCharsets.ISO_8859_1));
        int count = 0;
        while (pages.find()) {
            count++;
        }
        return count;
    }

    /** Waits (30 s at most) until the browser has finished downloading {@code name} into {@code directory}. */
    private static Path awaitDownload(final Path directory, final String name) {
        final Path file = directory.resolve(name);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> Files.isRegularFile(file)
                && !Files.exists(directory.resolve(name + ".crdownload")) && Files.size(file) > 0);
        return file;
    }

    /**
     * The rows of one sheet of a workbook by the text of their first cell ("header" for the first row):
     * numbers as Double, text as String, booleans as Boolean, empty cells as null.
     */
    private static Map<String, List<Object>> sheetRows(final Path workbook, final String sheetName) throws Exception {
        final Map<String, List<Object>> rows = new java.util.HashMap<>();
        try (org.dhatim.fastexcel.reader.ReadableWorkbook book = new org.dhatim.fastexcel.reader.ReadableWorkbook(
                workbook.toFile())) {
            final List<org.dhatim.fastexcel.reader.Row> read = book.findSheet(sheetName).orElseThrow(
                    () -> new AssertionError("no sheet " + sheetName + " in " + workbook)).read();
            final int width = read.get(0).getCellCount();
            for (int r = 0; r < read.size(); r++) {
                final List<Object> cells = new ArrayList<>();
                for (int c = 0; c < width; c++) {
                    final org.dhatim.fastexcel.reader.Cell cell = read.get(r).getOptionalCell(c).orElse(null);
                    cells.add(cell == null ? null : switch (cell.getType()) {
                        case NUMBER -> cell.asNumber().doubleValue();
                        case BOOLEAN -> cell.asBoolean();
                        case EMPTY -> null;
                        default -> cell.getText();
                    });
                }
                rows.put(r == 0 ? "header" : String.valueOf(cells.get(0)), cells);
            }
        }
        return rows;
    }

    private static void awaitView(final WebDriverWait wait, final String view) {
        wait.until(b -> view.equals(b.findElement(By.tagName("body")).getDomAttribute("data-view"))
                && "true".equals(b.findElement(By.tagName("body")).getDomAttribute("data-ready")));
    }

    /** The values of a select's options, in order. */
    private static List<String> optionValues(final WebDriver browser, final String selectId) {
        return new Select(browser.findElement(By.id(selectId))).getOptions().stream()
                .map(option -> option.getDomProperty("value")).toList();
    }

    /**
     * A school whose published set has sponsored devices broken down by programme (the simulated history
     * gives sponsored tablets a programme); fails when none has.
     */
    private static String schoolWithSponsoredDevices(final String baseUrl) throws Exception {
        for (final JsonNode unit : Http.json(Http.get(baseUrl + "/api/v1/units?level=SCHOOL")).get("units")) {
            final String id = unit.get("id").asText();
            final HttpResponse<String> set = Http.get(baseUrl + "/api/v1/units/" + id);
            if (set.statusCode() == 200 && Http.json(set).at("/breakdowns/" + BY_PROGRAMME).size() > 0) {
                return id;
            }
        }
        throw new AssertionError("no school of the simulated history has sponsored devices broken down by programme");
    }

    private static List<String> breadcrumb(final WebDriver browser) {
        return browser.findElements(By.cssSelector("#breadcrumb-list li")).stream().map(WebElement::getText).toList();
    }

    private static String headline(final WebDriver browser, final String indicator) {
        return browser.findElement(By.cssSelector("#headline .card[data-indicator='" + indicator + "'] .value")).getText();
    }

    /** Clicks a horizontal bar chart at the band of the category {@code category}, just right of the y axis. */
    private static void click(final WebDriver browser, final String chartId, final String category) {
        final WebElement chart = browser.findElement(By.id(chartId));
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({ block: 'center' });", chart);
        final List<?> point = (List<?>) ((JavascriptExecutor) browser).executeScript(
                "const chart = echarts.getInstanceByDom(document.getElementById(arguments[0]));"
                        + "const [x, y] = chart.convertToPixel({ gridIndex: 0 }, [0, arguments[1]]);"
                        + "return [x + 4, y];", chartId, category);
        final int x = ((Number) point.get(0)).intValue();
        final int y = ((Number) point.get(1)).intValue();
        new Actions(browser).moveToElement(chart, x - chart.getSize().getWidth() / 2,
                y - chart.getSize().getHeight() / 2).click().perform();
    }

    private static String seriesPath(final String unit, final String indicator, final String grain) {
        return "/api/v1/units/" + unit + "/series?indicator=" + indicator + "&grain=" + grain;
    }

    private static String seriesName(final QueryServer server, final String unit) {
        return Http.json(Http.get(server.url() + seriesPath(unit, PERIOD_SESSIONS, "month"))).get("unitName").asText();
    }

    private static boolean monthlySessionsAddUpToTheTotal(final QueryServer server, final String district) {
        final HttpResponse<String> months = Http.get(server.url() + seriesPath(district, PERIOD_SESSIONS, "month"));
        if (months.statusCode() != 200) {
            return false;
        }
        final double total = Http.json(Http.get(server.url() + "/api/v1/districts/" + district))
                .at("/indicators/" + SESSIONS + "/value").asDouble();
        return total > 0 && values(Http.json(months)).stream().mapToDouble(Double::doubleValue).sum() == total;
    }

    /** Writes, as the pipeline would, the year {@link #EMPTY_YEAR} of {@code district} with no staff: no share. */
    private static void publishAYearWithNoValue(final Pipeline pipeline, final String district) throws Exception {
        final Map<String, Object> props = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, pipeline.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, PeriodIndicators> producer = new KafkaProducer<>(props, new StringSerializer(),
                SpecificAvroSerde.of(PeriodIndicators.class, Map.of(SerdeConfig.SCHEMA_REGISTRY_URL_CONFIG,
                        pipeline.registryUrl()), false).serializer())) {
            producer.send(new ProducerRecord<>(Topics.INDICATOR_PERIODS.name(),
                    Topics.periodKey(district, PeriodGrain.YEAR, EMPTY_YEAR),
                    PeriodSeriesTest.record(district, PeriodGrain.YEAR, EMPTY_YEAR, EMPTY_YEAR + "-01-01",
                            EMPTY_YEAR + "-12-31", 0, 0.0, null, true))).get(10, TimeUnit.SECONDS);
        }
    }

    /** The values of a series answer, null where a period has none. */
    private static List<Double> values(final JsonNode series) {
        final List<Double> values = new ArrayList<>();
        series.get("points").forEach(point -> values.add(point.get("value").isNull() ? null
                : point.get("value").asDouble()));
        return values;
    }

    /** The values in the trend chart's ECharts option (a point may be an object with its own style). */
    private static List<Double> drawnValues(final WebDriver browser) {
        final List<?> drawn = (List<?>) ((JavascriptExecutor) browser).executeScript(
                "const chart = echarts.getInstanceByDom(document.getElementById('trend-chart'));"
                        + "const series = chart && chart.getOption().series;"
                        + "if (!series || !series.length) { return []; }"
                        + "return series[0].data.map(d => d !== null && typeof d === 'object' ? d.value : d);");
        final List<Double> values = new ArrayList<>();
        drawn.forEach(value -> values.add(value == null ? null : ((Number) value).doubleValue()));
        return values;
    }

    private static List<String> drawnLabels(final WebDriver browser) {
        final List<?> labels = (List<?>) ((JavascriptExecutor) browser).executeScript(
                "return echarts.getInstanceByDom(document.getElementById('trend-chart')).getOption().xAxis[0].data;");
        return labels.stream().map(String::valueOf).toList();
    }

    /** Shows the trend's tooltip at the period {@code index} (the axis pointer at its x) and returns it. */
    private static WebElement trendTip(final WebDriver browser, final int index) {
        ((JavascriptExecutor) browser).executeScript(
                "const chart = echarts.getInstanceByDom(document.getElementById('trend-chart'));"
                        + "const x = chart.convertToPixel({ xAxisIndex: 0 }, arguments[0]);"
                        + "chart.dispatchAction({ type: 'showTip', x: x, y: chart.getHeight() / 2 });", index);
        final String label = drawnLabels(browser).get(index);
        final By tooltip = By.cssSelector("#trend-chart > div:nth-child(2)");
        return new WebDriverWait(browser, Duration.ofSeconds(10)).until(
                b -> b.findElement(tooltip).isDisplayed() && b.findElement(tooltip).getText().contains(label)
                        ? b.findElement(tooltip) : null);
    }

    /**
     * Moves the mouse onto a chart: just right of the y axis at the band of the category
     * {@code category}, or onto the chart's middle when {@code category} is null. Returns the
     * tooltip once it shows.
     */
    private static WebElement hover(final WebDriver browser, final String chartId, final String category) {
        final WebElement chart = browser.findElement(By.id(chartId));
        final int width = chart.getSize().getWidth();
        final int height = chart.getSize().getHeight();
        final List<?> point = category == null ? List.of(width / 2, height / 2)
                : (List<?>) ((JavascriptExecutor) browser).executeScript(
                        "const chart = echarts.getInstanceByDom(document.getElementById(arguments[0]));"
                                + "const [x, y] = chart.convertToPixel({ gridIndex: 0 }, [0, arguments[1]]);"
                                + "return [x + 4, y];", chartId, category);
        final int x = ((Number) point.get(0)).intValue();
        final int y = ((Number) point.get(1)).intValue();
        new Actions(browser).moveToElement(chart, x - width / 2, y - height / 2).perform();
        // ECharts puts its tooltip, a div, after the one that holds the canvas
        final By tooltip = By.cssSelector("#" + chartId + " > div:nth-child(2)");
        return new WebDriverWait(browser, Duration.ofSeconds(10)).until(
                b -> b.findElement(tooltip).isDisplayed() && !b.findElement(tooltip).getText().isBlank()
                        ? b.findElement(tooltip) : null);
    }

    /** The browser's console lines about a blocked script, style or load (Chromium logs each one). */
    private static List<String> contentSecurityViolations(final WebDriver browser) {
        return browser.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::getMessage)
                .filter(message -> message.contains("Content Security Policy")).toList();
    }

    /**
     * The dashboard of one test: a query server attached to a Streams application of its own over the shared
     * pipeline, settled, and a headless Chromium with a fresh profile; closed in the reverse order.
     */
    private record Dashboard(QueryServer server, KafkaStreams streams, WebDriver browser) implements AutoCloseable {

        static Dashboard open(final Pipeline pipeline, final Path temp, final String applicationId)
                throws Exception {
            final QueryServer server = QueryServer.bind(pipeline.servingConfig());
            final Dashboard dashboard = new Dashboard(server, pipeline.streams(applicationId,
                    Files.createDirectories(temp.resolve("state")), server.streamsProperties()),
                    chromium(Files.createDirectories(temp.resolve("profile"))));
            try {
                server.attach(dashboard.streams());
                dashboard.streams().start();
                pipeline.awaitSettled(server.url());
                return dashboard;
            } catch (final Exception | Error e) {
                dashboard.close();
                throw e;
            }
        }

        @Override
        public void close() {
            browser.quit();
            server.close();
            streams.close(Duration.ofSeconds(10));
        }
    }

    /** A unit's active staff in the published period {@code label}, or -1 while it is not published. */
    private static long periodStaff(final QueryServer server, final String unit, final String label) {
        final HttpResponse<String> response = Http.get(server.url() + "/api/v1/units/" + unit + "/periods/" + label);
        return response.statusCode() != 200 ? -1 : Http.json(response).at("/indicators/staff.active/value").asLong(-1);
    }

    private static WebDriver chromium(final Path profile) {
        final ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile, "--window-size=1440,2300", "--lang=en-US");
        // downloads (the exports) go beside the profile, with no prompt
        options.setExperimentalOption("prefs", Map.of("download.default_directory",
                profile.resolveSibling("downloads").toString(), "download.prompt_for_download", false));
        final LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        final ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    /** Lets the chart animations (400 ms) finish so the screenshot shows the final bars. */
    private static void waitForChartsToSettle(final WebDriver browser) {
        final long until = System.currentTimeMillis() + 800;
        new WebDriverWait(browser, Duration.ofSeconds(5)).until(b -> System.currentTimeMillis() >= until);
    }

    private static void screenshot(final WebDriver browser, final Path target) throws Exception {
        final File shot = ((ChromeDriver) browser).getScreenshotAs(OutputType.FILE);
        Files.createDirectories(target.getParent());
        Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
    }

    /** A count as the Vietnamese page writes it: 15.614. */
    private static String viCount(final long value) {
        return String.format(java.util.Locale.ROOT, "%,d", value).replace(',', '.');
    }

    /** A figure of the Vietnamese page: "15.614", "84,5 %". */
    private static double viNumber(final String text) {
        return Double.parseDouble(text.replace(".", "").replace(",", ".").replace("%", "").trim());
    }

    /** Opens the page in a language, as a reader who chose it before would (the choice is in localStorage). */
    private static void openIn(final WebDriver browser, final String url, final String lang) {
        browser.get(url);
        ((JavascriptExecutor) browser).executeScript("window.localStorage.setItem('edupulse.lang', arguments[0]);", lang);
        browser.get(url);
    }
}
