// The lab server checked against the Benchling OpenAPI spec by Stoplight Prism: Prism runs as a
// validating proxy (`prism proxy --errors`) in front of a TestLabServer, and every request of
// the tables tests/conformance/requests*.json goes through it. Prism answers 422 for a request
// the spec forbids and 500 for an answer that breaks it, and lists each problem in the
// `sl-violations` header; a step passes when it gets its expected status and no violation of
// severity Error (Warnings, such as a status the spec does not list, are printed).
//
// requests*.json (see loadSteps): {"steps": [step, ...]}, run in order. A step:
//   name          row name in the test output (unique)
//   method        GET (default), POST, PATCH, ...
//   path          full path with query, e.g. "/api/v2/locations/{locationId}?x=1"
//   body          JSON value sent as the request body (strings and object keys get variables
//                 substituted)
//   rawBody       a string sent as is (e.g. broken JSON), instead of body
//   contentType   the request's Content-Type (default application/json), e.g.
//                 "application/x-www-form-urlencoded" for POST /token with a rawBody form
//   auth          "key" (default: the demo user's API key), "none" (no Authorization header),
//                 "unknownKey" (well-formed Basic credentials of a key that does not exist),
//                 "bearer:TOKEN" (Authorization: Bearer TOKEN), "basic:USER:PASSWORD" (Basic
//                 credentials, e.g. an OAuth client id and secret); both after substitution
//   expectStatus  the status the answer must have
//   prismRejects  true: the spec itself forbids the request, so Prism must answer 422 with
//                 request violations, without forwarding it
//   expect        {"json.path": value}: values the answer must hold (after substitution)
//   expectMessage a part of the error message (error.message) the answer must hold
//   save          {"var": "json.path"}: remembers a value of the answer as {var} for later steps
//   note          free text, ignored
//   until         {"json.path": value}: repeats the request (up to 10 s) until the answer holds
//                 that value, e.g. a task's {"status": "SUCCEEDED"}
//   expectTypes   {"json.path": "string" | "number" | "boolean" | "array" | "object" | "null"}:
//                 the JSON types the answer must have there
//   extension     true: the step exercises one of the server's documented extensions
//                 (docs/api-extensions*.md: PUT /entries/{id}/days, PUT
//                 /entry-templates/{id}/days, GET /benchtop/session), whose paths the spec
//                 does not have. Prism would only answer such a path with its own 404, so the
//                 step goes straight to the lab server, and the documented shape is checked
//                 with expect/expectTypes/expectMessage instead. A step marked extension on a
//                 path the spec DOES have fails (the flag must not be a way around Prism), and
//                 what an extension writes is read back through Prism by a later step (e.g. GET
//                 /entries/{id} after PUT /entries/{id}/days), so the notes it stores are
//                 checked against the spec's Entry schema there.
// A json.path is dot-separated keys and array indexes into the answer: "locations.0.id". The
// variable {run} is predefined: a random suffix for unique names and barcodes; so are {apiKey}
// (the demo user's API key) and {apiKeyId} (its id, the OAuth client_id).
// At the end the suite prints which spec operations the table reached, out of all of them.
#include "ApiTestClient.h"
#include "PrismProxy.h"
#include "TestLabServer.h"
#include "server/Auth.h"
#include "server/storage/Database.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSet>
#include <QSqlQuery>
#include <QTest>
#include <QThread>

#include <optional>

using namespace Qt::StringLiterals;
using benchtop::test::ApiResponse;
using benchtop::test::ApiTestClient;
using benchtop::test::PrismProxy;
using benchtop::test::PrismViolation;
using benchtop::test::TestLabServer;

namespace {

const QString kConformanceDir = QStringLiteral(BENCHTOP_CONFORMANCE_DIR);
const QString kPrism = QStringLiteral(BENCHTOP_PRISM);

struct SpecOperation
{
    QString method; // upper case
    QString path;   // template, e.g. /api/v2/locations/{location_id}
    QString operationId;
    QRegularExpression pattern;
    qsizetype literalLength = 0; // more literal text = a more specific match
};

std::optional<QJsonValue> valueAt(const QJsonValue &root, const QString &path)
{
    QJsonValue current = root;
    const QStringList parts = path.split(u'.', Qt::SkipEmptyParts);
    for (const QString &part : parts) {
        bool isIndex = false;
        const int index = part.toInt(&isIndex);
        if (current.isArray() && isIndex) {
            const QJsonArray array = current.toArray();
            if (index < 0 || index >= array.size())
                return std::nullopt;
            current = array.at(index);
        } else if (current.isObject() && current.toObject().contains(part)) {
            current = current.toObject().value(part);
        } else {
            return std::nullopt;
        }
    }
    return current;
}

QString compact(const QJsonValue &value)
{
    if (value.isString())
        return value.toString();
    if (value.isObject())
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    if (value.isArray())
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    return QString::fromUtf8(
        QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact).chopped(1).mid(1));
}

} // namespace

class TestServerConformance : public QObject
{
    Q_OBJECT

    TestLabServer m_lab;
    PrismProxy m_prism{kPrism, kConformanceDir + u"/benchling-openapi.prism.json"_s};
    QUrl m_prismUrl;
    QList<SpecOperation> m_operations;
    QJsonArray m_steps;
    QHash<QString, QString> m_vars;
    QSet<QString> m_covered;
    QStringList m_warnings;
    QStringList m_outsideSpec;
    QSet<QString> m_extensions; // "METHOD /path" of extension steps that passed

    QString prismLog() const { return m_prism.log(); }

    bool loadSpec(QString *error)
    {
        QFile file(kConformanceDir + u"/benchling-openapi.prism.json"_s);
        if (!file.open(QIODevice::ReadOnly)) {
            *error = u"cannot read %1"_s.arg(file.fileName());
            return false;
        }
        const QJsonObject paths = QJsonDocument::fromJson(file.readAll())[u"paths"_s].toObject();
        static const QStringList methods{u"get"_s,     u"put"_s,  u"post"_s,  u"delete"_s,
                                         u"options"_s, u"head"_s, u"patch"_s, u"trace"_s};
        static const QRegularExpression parameter(u"\\{[^}/]+\\}"_s);
        for (auto path = paths.begin(); path != paths.end(); ++path) {
            const QJsonObject item = path.value().toObject();
            // /x/{id}:copy -> ^/x/[^/]+:copy$
            QString regex;
            qsizetype literal = 0;
            qsizetype last = 0;
            for (auto match = parameter.globalMatch(path.key()); match.hasNext();) {
                const auto m = match.next();
                const QString text = path.key().mid(last, m.capturedStart() - last);
                regex += QRegularExpression::escape(text) + u"[^/]+"_s;
                literal += text.size();
                last = m.capturedEnd();
            }
            regex += QRegularExpression::escape(path.key().mid(last));
            literal += path.key().size() - last;
            const QRegularExpression pattern(u'^' + regex + u'$');
            for (const QString &method : methods) {
                if (!item.contains(method))
                    continue;
                m_operations.append({method.toUpper(), path.key(),
                                     item[method][u"operationId"_s].toString(), pattern, literal});
            }
        }
        if (m_operations.isEmpty()) {
            *error = u"no operations in %1"_s.arg(file.fileName());
            return false;
        }
        return true;
    }

    const SpecOperation *operationFor(const QString &method, const QString &pathAndQuery) const
    {
        const QString path = pathAndQuery.section(u'?', 0, 0);
        const SpecOperation *best = nullptr;
        for (const SpecOperation &operation : m_operations) {
            if (operation.method == method && operation.pattern.match(path).hasMatch() &&
                (!best || operation.literalLength > best->literalLength))
                best = &operation;
        }
        return best;
    }

    // Every tests/conformance/requests*.json, by file name: requests.json first, then one
    // table per part of the API (requests-inventory.json, ...), so that parts merged from
    // different branches do not edit one file. Variables carry over from file to file.
    bool loadSteps(QString *error)
    {
        QStringList files =
            QDir(kConformanceDir).entryList({u"requests*.json"_s}, QDir::Files, QDir::Name);
        if (files.removeOne(u"requests.json"_s)) // "-" sorts before "."
            files.prepend(u"requests.json"_s);
        QSet<QString> names;
        for (const QString &fileName : files) {
            QFile file(kConformanceDir + u'/' + fileName);
            if (!file.open(QIODevice::ReadOnly)) {
                *error = u"cannot read %1"_s.arg(file.fileName());
                return false;
            }
            QJsonParseError parseError;
            const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
            if (parseError.error != QJsonParseError::NoError) {
                *error = u"%1: %2 at offset %3"_s.arg(file.fileName(), parseError.errorString())
                             .arg(parseError.offset);
                return false;
            }
            for (const QJsonValue &step : document[u"steps"_s].toArray()) {
                const QString name = step[u"name"_s].toString();
                if (name.isEmpty() || names.contains(name) || !step[u"path"_s].isString() ||
                    !step[u"expectStatus"_s].isDouble()) {
                    *error = u"%1: every step needs a unique name, a path and expectStatus (at "
                             "\"%2\")"_s.arg(file.fileName(), name);
                    return false;
                }
                names.insert(name);
                m_steps.append(step);
            }
        }
        if (m_steps.isEmpty())
            *error = u"no steps in %1/requests*.json"_s.arg(kConformanceDir);
        return !m_steps.isEmpty();
    }

    bool startPrism(QString *error)
    {
        if (!m_prism.start(m_lab.baseUrl(), error))
            return false;
        m_prismUrl = m_prism.url();
        return true;
    }

    // "{name}" -> a saved value; an unknown name is an error (a step that saves it failed).
    QString substitute(const QString &text, QString *error) const
    {
        static const QRegularExpression variable(u"\\{([A-Za-z_][A-Za-z0-9_]*)\\}"_s);
        QString result;
        qsizetype last = 0;
        for (auto match = variable.globalMatch(text); match.hasNext();) {
            const auto m = match.next();
            result += text.mid(last, m.capturedStart() - last);
            const QString name = m.captured(1);
            if (!m_vars.contains(name)) {
                *error = u"unknown variable {%1} (did the step that saves it fail?)"_s.arg(name);
                return {};
            }
            result += m_vars.value(name);
            last = m.capturedEnd();
        }
        return result + text.mid(last);
    }

    QJsonValue substitute(const QJsonValue &value, QString *error) const
    {
        if (value.isString())
            return substitute(value.toString(), error);
        if (value.isArray()) {
            QJsonArray array;
            for (const QJsonValue &item : value.toArray())
                array.append(substitute(item, error));
            return array;
        }
        if (value.isObject()) {
            QJsonObject object;
            const QJsonObject source = value.toObject();
            for (auto it = source.begin(); it != source.end(); ++it)
                object.insert(substitute(it.key(), error), substitute(it.value(), error));
            return object;
        }
        return value;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(loadSpec(&error), qPrintable(error));
        QVERIFY2(loadSteps(&error), qPrintable(error));
        m_vars.insert(u"run"_s,
                      QString::number(QRandomGenerator::global()->bounded(100000, 999999)));
        QVERIFY(m_lab.start());
        m_vars.insert(u"apiKey"_s, m_lab.apiKey());
        {
            QSqlQuery key =
                m_lab.database().exec(u"SELECT id FROM api_keys WHERE key_hash = ?"_s,
                                      {benchtop::server::ApiKeys::hash(m_lab.apiKey())});
            QVERIFY(key.next());
            m_vars.insert(u"apiKeyId"_s, key.value(0).toString());
        }
        qInfo("Back end: %s", qPrintable(m_lab.backendName()));
        QVERIFY2(startPrism(&error), qPrintable(error));
    }

    void cleanupTestCase() { m_prism.stop(); }

    void requests_data()
    {
        QTest::addColumn<int>("index");
        for (int i = 0; i < m_steps.size(); ++i)
            QTest::newRow(qPrintable(m_steps[i][u"name"_s].toString())) << i;
    }
    void requests()
    {
        QFETCH(int, index);
        const QJsonObject step = m_steps[index].toObject();
        QString error;
        const QByteArray method = step.value(u"method"_s).toString(u"GET"_s).toUpper().toUtf8();
        const QString path = substitute(step.value(u"path"_s).toString(), &error);
        QByteArray body;
        if (step.contains(u"rawBody"_s)) {
            body = substitute(step.value(u"rawBody"_s).toString(), &error).toUtf8();
        } else if (step.contains(u"body"_s)) {
            const QJsonValue value = substitute(step.value(u"body"_s), &error);
            body = value.isArray() ? QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact)
                                   : QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
        }
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY2(path.startsWith(u"/api/v2/"_s),
                 qPrintable(u"path must start with /api/v2/: "_s + path));

        const bool extension = step.value(u"extension"_s).toBool();
        const SpecOperation *operation = operationFor(QString::fromLatin1(method), path);
        if (extension) {
            QVERIFY2(
                !operation,
                qPrintable(u"an extension step on a path of the spec (%1): send it through "
                           "Prism instead"_s.arg(operation ? operation->operationId : QString())));
        }
        ApiTestClient client(extension ? m_lab.baseUrl() : m_prismUrl, m_lab.apiKey());
        const QString auth = step.value(u"auth"_s).toString(u"key"_s);
        if (auth == u"none"_s)
            client.setApiKey(QString());
        else if (auth == u"unknownKey"_s)
            client.setApiKey(u"sk_NotAKeyThisServerKnows0000000"_s);
        else if (auth.startsWith(u"basic:"_s))
            client.setAuthorization("Basic " + substitute(auth.mid(6), &error).toUtf8().toBase64());
        else if (auth.startsWith(u"bearer:"_s))
            client.setAuthorization("Bearer " + substitute(auth.mid(7), &error).toUtf8());
        else
            QVERIFY2(auth == u"key"_s, qPrintable(u"unknown auth \""_s + auth + u'"'));
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const QByteArray contentType =
            step.value(u"contentType"_s).toString(u"application/json"_s).toUtf8();

        const QJsonObject until = step.value(u"until"_s).toObject();
        ApiResponse response;
        QElapsedTimer timer;
        timer.start();
        for (;;) {
            response = client.send(method, path.mid(7), body, contentType);
            bool done = true;
            for (auto it = until.begin(); it != until.end(); ++it) {
                const auto value = valueAt(response.json, it.key());
                done = done && value && *value == substitute(it.value(), &error);
            }
            if (done || timer.elapsed() > 10'000)
                break;
            QThread::msleep(50);
        }
        const QString answer = QString::fromUtf8(response.body.left(1500));
        QVERIFY2(response.status != 0,
                 qPrintable(u"no answer from Prism; its log:\n"_s + prismLog()));

        // Problems come in the sl-violations header; a request Prism refuses itself (422)
        // lists them in its answer's "validation" instead.
        QString problem;
        QByteArray listed = response.header("sl-violations");
        if (listed.isEmpty() && response.json.value(u"validation"_s).isArray())
            listed = QJsonDocument(response.json.value(u"validation"_s).toArray()).toJson();
        const QList<PrismViolation> violations = PrismProxy::parseViolations(listed, &problem);
        QStringList errors;
        for (const PrismViolation &violation : violations) {
            if (violation.error) {
                errors.append(violation.text);
            } else {
                m_warnings.append(
                    u"%1 %2: %3"_s.arg(QString::fromLatin1(method), path, violation.text));
                qInfo("Prism warning: %s", qPrintable(violation.text));
            }
        }

        const int expected = step.value(u"expectStatus"_s).toInt();
        if (step.value(u"prismRejects"_s).toBool()) {
            // The request breaks the spec: Prism refuses it itself.
            QVERIFY2(response.status == 422 && !errors.isEmpty(),
                     qPrintable(u"expected Prism to refuse the request (422 with request "
                                "violations), got %1: %2"_s.arg(response.status)
                                    .arg(answer)));
            for (const QString &text : std::as_const(errors)) {
                static const QRegularExpression requestPart(u"\\] (query|path|header|body)"_s);
                QVERIFY2(requestPart.match(text).hasMatch(), qPrintable(text));
                qInfo("Prism refused: %s", qPrintable(text));
            }
            QCOMPARE(expected, 422);
            return;
        }
        QVERIFY2(errors.isEmpty(),
                 qPrintable(u"spec violations:\n  "_s + errors.join(u"\n  "_s) +
                            u"\nanswer %1: %2"_s.arg(response.status).arg(answer)));
        QVERIFY2(
            response.status == expected,
            qPrintable(
                u"status %1, expected %2: %3"_s.arg(response.status).arg(expected).arg(answer)));
        if (!extension && operation)
            m_covered.insert(operation->operationId);
        else if (!extension) // extensions are counted below, once all their checks pass
            m_outsideSpec.append(QString::fromLatin1(method) + u' ' + path);

        const QJsonObject expect = step.value(u"expect"_s).toObject();
        for (auto it = expect.begin(); it != expect.end(); ++it) {
            const auto actual = valueAt(response.json, it.key());
            const QJsonValue wanted = substitute(it.value(), &error);
            QVERIFY2(
                actual && *actual == wanted,
                qPrintable(u"%1 is %2, expected %3: %4"_s.arg(
                    it.key(), actual ? compact(*actual) : u"missing"_s, compact(wanted), answer)));
        }
        const QJsonObject types = step.value(u"expectTypes"_s).toObject();
        for (auto it = types.begin(); it != types.end(); ++it) {
            const auto actual = valueAt(response.json, it.key());
            const QString type = !actual              ? u"missing"_s
                                 : actual->isString() ? u"string"_s
                                 : actual->isDouble() ? u"number"_s
                                 : actual->isBool()   ? u"boolean"_s
                                 : actual->isArray()  ? u"array"_s
                                 : actual->isObject() ? u"object"_s
                                 : actual->isNull()   ? u"null"_s
                                                      : u"undefined"_s;
            QVERIFY2(type == it.value().toString(),
                     qPrintable(u"%1 is %2, expected %3: %4"_s.arg(it.key(), type,
                                                                   it.value().toString(), answer)));
        }
        if (const QString part = step.value(u"expectMessage"_s).toString(); !part.isEmpty()) {
            QVERIFY2(response.errorMessage().contains(substitute(part, &error)),
                     qPrintable(u"error message lacks \"%1\": %2"_s.arg(part, answer)));
        }
        const QJsonObject save = step.value(u"save"_s).toObject();
        for (auto it = save.begin(); it != save.end(); ++it) {
            const auto value = valueAt(response.json, it.value().toString());
            QVERIFY2(value && !value->isNull() && !value->isUndefined(),
                     qPrintable(u"cannot save {%1}: %2 is not in the answer: %3"_s.arg(
                         it.key(), it.value().toString(), answer)));
            m_vars.insert(it.key(), compact(*value));
        }
        QVERIFY2(error.isEmpty(), qPrintable(error));
        if (extension) {
            static const QRegularExpression id(u"/[^/:?]*_[^/:?]*(?=/|$)"_s);
            m_extensions.insert(QString::fromLatin1(method) + u' ' +
                                QString(path.section(u'?', 0, 0)).replace(id, u"/{id}"_s));
        }
    }

    void coverage()
    {
        QStringList covered(m_covered.begin(), m_covered.end());
        covered.sort();
        QSet<QString> all;
        for (const SpecOperation &operation : std::as_const(m_operations))
            all.insert(operation.operationId);
        qInfo("Spec operations reached through Prism: %lld of %lld", qlonglong(covered.size()),
              qlonglong(all.size()));
        qInfo("  %s", qPrintable(covered.join(u", "_s)));
        if (!m_warnings.isEmpty())
            qInfo("Prism warnings (%lld):\n  %s", qlonglong(m_warnings.size()),
                  qPrintable(m_warnings.join(u"\n  "_s)));
        if (!m_extensions.isEmpty()) {
            QStringList extensions(m_extensions.begin(), m_extensions.end());
            extensions.sort();
            qInfo("Documented extensions exercised on the server directly (not in the spec):\n  %s",
                  qPrintable(extensions.join(u"\n  "_s)));
        }
        if (!m_outsideSpec.isEmpty())
            qInfo("Requests on paths the spec does not have:\n  %s",
                  qPrintable(m_outsideSpec.join(u"\n  "_s)));
        QCOMPARE(all.size(), 402);
        QVERIFY(!covered.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestServerConformance)
#include "tst_server_conformance.moc"
