// The client's requests checked against the Benchling OpenAPI spec by Stoplight Prism: Prism runs
// as a validating proxy (`prism proxy --errors`, tests/support/PrismProxy) in front of a
// TestLabServer, and everything the client sends goes through it: lists with filters, sorts and
// nextToken (ListPager, as LocationTreeModel asks), gets by id, getById coalescing into
// :bulk-get, creates, patches (moves), bulk updates and creates with task polling (TaskReply) —
// through models/api's ApiClient directly and through benchtop-cli pointed at Prism. Prism
// refuses a request the spec forbids with 422 (without forwarding it), so each request must
// succeed; afterwards Prism's log must hold no request violation at all.
#include "bio/ApiJson.h"
#include "bio/GenBank.h"
#include "models/api/ApiClient.h"
#include "models/api/ListPager.h"
#include "models/api/TaskPoller.h"

#include "PrismProxy.h"
#include "TestLabServer.h"
#include "server/Auth.h"

#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace benchtop::models;
using benchtop::test::PrismProxy;
using benchtop::test::TestLabServer;

namespace {

const QString kConformanceDir = QStringLiteral(BENCHTOP_CONFORMANCE_DIR);
const QString kPrism = QStringLiteral(BENCHTOP_PRISM);
const QString kCli = QStringLiteral(BENCHTOP_CLI);
const QString kData = QStringLiteral(BENCHTOP_TEST_DATA);

const BulkCollection kLocations{u"/locations"_s, u"locationIds"_s, u"locations"_s};
const BulkCollection kContainers{u"/containers"_s, u"containerIds"_s, u"containers"_s};

void await(ApiReply *reply)
{
    if (reply->isFinished())
        return;
    QEventLoop loop;
    QObject::connect(reply, &ApiReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
}

QString describe(const ApiError &error)
{
    return u"HTTP %1 (%2): %3"_s.arg(error.httpStatus).arg(int(error.kind)).arg(error.message);
}

} // namespace

class TestClientConformance : public QObject
{
    Q_OBJECT

    TestLabServer m_lab;
    PrismProxy m_prism{kPrism, kConformanceDir + u"/benchling-openapi.prism.json"_s};
    std::unique_ptr<ApiClient> m_client;
    QTemporaryDir m_tmp;
    int m_sent = 0;
    QStringList m_responseViolations;

    // Sends through Prism and waits; the answer must be a success (a request Prism refuses
    // comes back 422).
    QJsonObject accepted(ApiReply *reply)
    {
        std::unique_ptr<ApiReply> owner(reply);
        await(reply);
        ++m_sent;
        if (isResponseViolation(reply->error()))
            return {};
        if (!reply->ok()) {
            QTest::qFail(qPrintable(u"refused: "_s + describe(reply->error()) +
                                    u"\nPrism's log:\n"_s + m_prism.log(3000)),
                         __FILE__, __LINE__);
            return {};
        }
        return reply->json().object();
    }

    // Prism answers 500 when the request passed but the server's answer breaks the spec: the
    // server's problem (tst_server_conformance's), not the client's; noted and printed at the end.
    bool isResponseViolation(const ApiError &error)
    {
        if (error.httpStatus != 500 || !error.message.contains(u"prism/errors#VIOLATIONS"_s))
            return false;
        m_responseViolations.append(QString::fromUtf8(QTest::currentTestFunction()));
        qWarning("the server's answer broke the spec (Prism 500) in %s",
                 QTest::currentTestFunction());
        return true;
    }

    QJsonArray listAll(const QString &path, const QString &key, QUrlQuery query)
    {
        ListPager pager(m_client.get(), path, key, query);
        QJsonArray all;
        QEventLoop loop;
        bool failed = false;
        QObject::connect(&pager, &ListPager::pageReady, &loop, [&](const QJsonArray &page) {
            ++m_sent;
            for (const QJsonValue &item : page)
                all.append(item);
            if (pager.hasMore())
                pager.fetchNext();
            else
                loop.quit();
        });
        QObject::connect(&pager, &ListPager::failed, &loop, [&](const ApiError &error) {
            if (isResponseViolation(error)) {
                failed = true;
                loop.quit();
                return;
            }
            QTest::qFail(qPrintable(u"list %1 refused: %2\n%3"_s.arg(path, describe(error),
                                                                     m_prism.log(3000))),
                         __FILE__, __LINE__);
            failed = true;
            loop.quit();
        });
        pager.fetchNext();
        loop.exec();
        if (!failed && pager.pagesFetched() < 1)
            QTest::qFail("no page fetched", __FILE__, __LINE__);
        return all;
    }

    QJsonObject awaitTask(const QJsonObject &answer)
    {
        const QString taskId = answer.value(u"taskId"_s).toString();
        if (taskId.isEmpty()) {
            QTest::qFail("no taskId", __FILE__, __LINE__);
            return {};
        }
        return accepted(m_client->waitForTask(taskId));
    }

    int cli(const QStringList &arguments, QByteArray *out = nullptr)
    {
        QProcess process;
        QSignalSpy finished(&process, &QProcess::finished);
        process.start(kCli, QStringList{u"--server"_s, m_prism.url().toString(), u"--api-key"_s,
                                        m_lab.apiKey()} +
                                arguments);
        if (!process.waitForStarted(10'000) || !finished.wait(90'000)) {
            process.kill();
            process.waitForFinished(5'000);
            return -1;
        }
        if (out)
            *out = process.readAllStandardOutput();
        const QByteArray err = process.readAllStandardError();
        if (process.exitCode() != 0)
            qWarning("benchtop-cli %s: %s", qPrintable(arguments.join(u' ')), err.constData());
        return process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        QVERIFY(m_lab.start());
        QString error;
        QVERIFY2(m_prism.start(m_lab.baseUrl(), &error), qPrintable(error));
        Connection connection;
        connection.baseUrl = m_prism.url();
        connection.apiKey = m_lab.apiKey();
        m_client = std::make_unique<ApiClient>(connection);
    }

    void cleanupTestCase()
    {
        if (!qEnvironmentVariableIsEmpty("BENCHTOP_PRISM_LOG")) {
            QFile file(qEnvironmentVariable("BENCHTOP_PRISM_LOG"));
            if (file.open(QIODevice::WriteOnly))
                file.write(m_prism.log(-1).toUtf8());
        }
        m_client.reset();
        m_prism.stop();
    }

    // Lists as the models ask for them: filters, sorts, small pages followed by nextToken.
    void lists()
    {
        QUrlQuery tree; // LocationTreeModel's top level and a level below
        tree.addQueryItem(u"pageSize"_s, u"2"_s);
        tree.addQueryItem(u"sort"_s, u"name:asc"_s);
        const QJsonArray locations = listAll(u"/locations"_s, u"locations"_s, tree);
        QVERIFY(locations.size() > 2);
        QUrlQuery below = tree;
        below.addQueryItem(u"ancestorStorageId"_s, locations[0][u"id"_s].toString());
        listAll(u"/locations"_s, u"locations"_s, below);

        QUrlQuery filters;
        filters.addQueryItem(u"pageSize"_s, u"3"_s);
        filters.addQueryItem(u"nameIncludes"_s, u"tube"_s);
        filters.addQueryItem(u"sort"_s, u"modifiedAt:desc"_s);
        QVERIFY(!listAll(u"/containers"_s, u"containers"_s, filters).isEmpty());
        QUrlQuery boxes;
        boxes.addQueryItem(u"pageSize"_s, u"100"_s);
        boxes.addQueryItem(u"sort"_s, u"barcode"_s);
        QVERIFY(!listAll(u"/boxes"_s, u"boxes"_s, boxes).isEmpty());
        QUrlQuery sequences;
        sequences.addQueryItem(u"pageSize"_s, u"5"_s);
        sequences.addQueryItem(u"archiveReason"_s, u"NOT_ARCHIVED"_s);
        listAll(u"/dna-sequences"_s, u"dnaSequences"_s, sequences);
    }

    // One get, and gets asked for in one event-loop turn, which travel together as :bulk-get.
    void gets()
    {
        QUrlQuery query;
        query.addQueryItem(u"pageSize"_s, u"4"_s);
        ApiReply *page = m_client->get(u"/locations"_s, query);
        const QJsonArray items = accepted(page).value(u"locations"_s).toArray();
        QCOMPARE(items.size(), 4);
        const QString first = items[0][u"id"_s].toString();
        QCOMPARE(accepted(m_client->get(u"/locations/"_s + first)).value(u"id"_s).toString(),
                 first);

        QList<ApiReply *> replies;
        for (const QJsonValue &item : items)
            replies.append(m_client->getById(kLocations, item[u"id"_s].toString()));
        const int before = m_sent;
        for (qsizetype i = 0; i < replies.size(); ++i)
            QCOMPARE(accepted(replies[i]).value(u"id"_s).toString(), items[i][u"id"_s].toString());
        QCOMPARE(m_sent - before, replies.size());
        // The coalesced request went out (Prism logs it).
        QVERIFY2(m_prism.log(-1).contains(u"/api/v2/locations:bulk-get"_s),
                 qPrintable(m_prism.log(2000)));
    }

    void createPatchAndMove()
    {
        QUrlQuery query;
        query.addQueryItem(u"pageSize"_s, u"1"_s);
        const QJsonObject location =
            accepted(m_client->get(u"/locations"_s, query)).value(u"locations"_s)[0].toObject();
        const QJsonObject created = accepted(m_client->post(
            u"/locations"_s, {{u"name"_s, u"Client conformance shelf"_s},
                              {u"schemaId"_s, location[u"schema"_s][u"id"_s].toString()},
                              {u"parentStorageId"_s, location[u"id"_s].toString()}}));
        QVERIFY(created.value(u"id"_s).toString().startsWith(u"loc_"_s));
        const QJsonObject renamed =
            accepted(m_client->patch(u"/locations/"_s + created[u"id"_s].toString(),
                                     {{u"name"_s, u"Client conformance shelf 2"_s}}));
        QCOMPARE(renamed[u"name"_s].toString(), u"Client conformance shelf 2"_s);

        // A tube moves to a free position, as `benchtop-cli move` and the views do.
        QUrlQuery boxQuery;
        boxQuery.addQueryItem(u"pageSize"_s, u"100"_s);
        QString boxId;
        for (const QJsonValue &box :
             accepted(m_client->get(u"/boxes"_s, boxQuery)).value(u"boxes"_s).toArray()) {
            if (box[u"emptyPositions"_s].toInt() > 0 && box[u"filledPositions"_s].toInt() > 0)
                boxId = box[u"id"_s].toString();
        }
        QVERIFY(!boxId.isEmpty());
        const QJsonArray held = accepted(m_client->get(u"/boxes/%1/contents"_s.arg(boxId)))
                                    .value(u"containers"_s)
                                    .toArray();
        QStringList taken;
        for (const QJsonValue &item : held)
            taken.append(item[u"gridPosition"_s].toString());
        const QJsonObject box = accepted(m_client->get(u"/boxes/"_s + boxId));
        const QJsonObject schema =
            accepted(m_client->get(u"/box-schemas/"_s + box[u"schema"_s][u"id"_s].toString()));
        QString free;
        for (int row = 0; row < schema[u"height"_s].toInt() && free.isEmpty(); ++row) {
            for (int column = 0; column < schema[u"width"_s].toInt() && free.isEmpty(); ++column) {
                const QString position = QChar(u'A' + row) + QString::number(column + 1);
                if (!taken.contains(position))
                    free = position;
            }
        }
        QVERIFY(!free.isEmpty());
        const QString tube = held[0][u"id"_s].toString();
        accepted(
            m_client->patch(u"/containers/"_s + tube,
                            QJsonObject{{u"parentStorageId"_s, QString(boxId + u':' + free)}}));
        QCOMPARE(accepted(m_client->getById(kContainers, tube))[u"id"_s].toString(), tube);
    }

    void bulkWritesAndTasks()
    {
        const benchtop::bio::GenBankResult plasmid =
            benchtop::bio::readGenBankFile(kData + u"/plasmids/pUC19_M77789.gb"_s);
        QVERIFY(plasmid.ok());
        QJsonObject sequence = benchtop::bio::toApiJson(plasmid.records.first());
        const QJsonObject one = accepted(m_client->post(u"/dna-sequences"_s, sequence));
        QVERIFY(one.value(u"id"_s).toString().startsWith(u"seq_"_s));
        sequence.insert(u"name"_s, u"second copy"_s);
        const QJsonObject task = awaitTask(accepted(m_client->post(
            u"/dna-sequences:bulk-create"_s,
            {{u"dnaSequences"_s,
              QJsonArray{sequence, benchtop::bio::toApiJson(plasmid.records.first())}}})));
        QCOMPARE(task[u"status"_s].toString(), u"SUCCEEDED"_s);
        QCOMPARE(task[u"response"_s][u"dnaSequences"_s].toArray().size(), 2);

        QUrlQuery query;
        query.addQueryItem(u"pageSize"_s, u"100"_s);
        query.addQueryItem(u"nameIncludes"_s, u"Empty tube"_s);
        const QJsonArray tubes =
            accepted(m_client->get(u"/containers"_s, query)).value(u"containers"_s).toArray();
        QVERIFY(tubes.size() >= 2);
        const QJsonObject moved = awaitTask(accepted(m_client->post(
            u"/containers:bulk-update"_s,
            {{u"containers"_s, QJsonArray{QJsonObject{{u"containerId"_s, tubes[0][u"id"_s]},
                                                      {u"name"_s, u"Bulk renamed 1"_s}},
                                          QJsonObject{{u"containerId"_s, tubes[1][u"id"_s]},
                                                      {u"name"_s, u"Bulk renamed 2"_s}}}}})));
        QCOMPARE(moved[u"status"_s].toString(), u"SUCCEEDED"_s);
    }

    // The OAuth token request (client credentials, form-encoded, as the spec has it). ApiClient
    // itself authenticates with the API key and sends none; this is the request an OAuth
    // connection would send.
    void tokenRequest()
    {
        const QList<benchtop::server::ApiKeyInfo> keys = m_lab.server().apiKeys().list();
        QVERIFY(!keys.isEmpty());
        QNetworkRequest request(m_prism.url().resolved(QUrl(u"/api/v2/token"_s)));
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          u"application/x-www-form-urlencoded"_s);
        QUrlQuery form;
        form.addQueryItem(u"grant_type"_s, u"client_credentials"_s);
        // The spec's security for this operation is HTTP Basic with client id and secret.
        request.setRawHeader(
            "Authorization",
            "Basic " + QString(keys.first().id + u':' + m_lab.apiKey()).toUtf8().toBase64());
        QNetworkAccessManager network;
        std::unique_ptr<QNetworkReply> reply(
            network.post(request, form.query(QUrl::FullyEncoded).toUtf8()));
        QSignalSpy finished(reply.get(), &QNetworkReply::finished);
        QVERIFY(finished.wait(30'000));
        const QByteArray body = reply->readAll();
        QVERIFY2(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 200,
                 QByteArray(body + reply->rawHeader("sl-violations")).constData());
        const QString token =
            QJsonDocument::fromJson(body).object().value(u"access_token"_s).toString();
        QVERIFY(!token.isEmpty());
        QVERIFY2(reply->rawHeader("sl-violations").isEmpty(), reply->rawHeader("sl-violations"));
    }

    // benchtop-cli, pointed at Prism: every command's requests pass the spec.
    void cliThroughPrism()
    {
        QByteArray out;
        QCOMPARE(cli({u"ls"_s, u"locations"_s, u"--filter"_s, u"pageSize=3"_s, u"--sort"_s,
                      u"name"_s, u"--json"_s},
                     &out),
                 0);
        const QString location =
            QJsonDocument::fromJson(out.split('\n').first()).object()[u"id"_s].toString();
        QCOMPARE(cli({u"ls"_s, u"boxes"_s, u"--json"_s}, &out), 0);
        QString box;
        for (const QByteArray &line : out.split('\n')) {
            const QJsonObject object = QJsonDocument::fromJson(line).object();
            if (object[u"filledPositions"_s].toInt() > 0 && object[u"emptyPositions"_s].toInt() > 3)
                box = object[u"id"_s].toString();
        }
        QVERIFY(!box.isEmpty());
        QCOMPARE(cli({u"ls"_s, box}), 0);
        QCOMPARE(cli({u"ls"_s, u"containers"_s, u"--limit"_s, u"3"_s, u"--json"_s}, &out), 0);
        QStringList tubes;
        for (const QByteArray &line : out.trimmed().split('\n'))
            tubes.append(QJsonDocument::fromJson(line).object()[u"id"_s].toString());
        QCOMPARE(tubes.size(), 3);
        QCOMPARE(cli(QStringList{u"get"_s, location} + tubes), 0);
        QCOMPARE(cli({u"move"_s, tubes[0], box}), 0);

        const QString plasmid = kData + u"/plasmids/pUC19_M77789.gb"_s;
        QCOMPARE(cli({u"import"_s, plasmid}, &out), 0);
        const QString id = QString::fromUtf8(out).trimmed();
        QCOMPARE(cli({u"export"_s, id, u"--format"_s, u"genbank"_s}, &out), 0);
        QVERIFY(out.startsWith("LOCUS"));
        QCOMPARE(cli({u"import"_s, kData + u"/fasta/NC_005816.ffn"_s}), 0);
        QCOMPARE(cli({u"import"_s, kData + u"/fasta/NC_005816.faa"_s}), 0);
    }

    // Nothing the client sent broke the spec, warnings included: Prism logs every violation.
    void noViolationsLogged()
    {
        // Prism logs each request it ends with an error; the only ones allowed are its
        // readiness probe (GET /, no such path) and answers of the server that broke the spec
        // (VIOLATIONS with status 500, counted above). A refused request (422, 401 ...) fails.
        const QString log = m_prism.log(-1);
        static const QRegularExpression ended(u"^.*Request terminated with error: (\\S+).*$"_s,
                                              QRegularExpression::MultilineOption);
        QStringList refused;
        int responseViolations = 0;
        for (auto match = ended.globalMatch(log); match.hasNext();) {
            const auto m = match.next();
            if (m.captured(1).endsWith(u"#NO_PATH_MATCHED_ERROR:"_s))
                continue;
            if (m.captured(1).endsWith(u"#VIOLATIONS:"_s)) {
                ++responseViolations;
                continue;
            }
            refused.append(m.captured());
        }
        qInfo("Requests sent through Prism by ApiClient: %d, all accepted", m_sent);
        if (!m_responseViolations.isEmpty())
            qWarning("Server answers that broke the spec (Prism 500; the server's to fix): %s",
                     qPrintable(m_responseViolations.join(u", "_s)));
        QVERIFY2(refused.isEmpty(), qPrintable(refused.join(u'\n')));
        QVERIFY(responseViolations >= m_responseViolations.size());
    }
};

QTEST_GUILESS_MAIN(TestClientConformance)
#include "tst_client_conformance.moc"
