// The API client against the real lab server, started in-process on port 0 with a temporary
// database, and against sockets that misbehave (refused, silent).
#include "TestLabServer.h"
#include "models/api/ApiClient.h"
#include "models/api/ListPager.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace benchtop::models;
using benchtop::test::TestLabServer;

class TestApiClient : public QObject
{
    Q_OBJECT

    TestLabServer m_lab;

    Connection connection(const QString &key = {}) const
    {
        return {m_lab.baseUrl(), key.isNull() ? m_lab.apiKey() : key, 5'000};
    }

    static bool waitFor(ApiReply *reply)
    {
        QSignalSpy finished(reply, &ApiReply::finished);
        return finished.wait(10'000) && finished.count() == 1;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_lab.start()); }

    void getsALocation()
    {
        ApiClient client(connection());
        ApiReply *list = client.get(u"/locations"_s, QUrlQuery(u"pageSize=1"_s));
        QVERIFY(!list->isFinished()); // never finishes inside the call
        QVERIFY(waitFor(list));
        QVERIFY2(list->ok(), qPrintable(list->error().displayMessage()));
        const QString id = list->json()[u"locations"_s][0][u"id"_s].toString();

        ApiReply *one = client.get(u"/locations/"_s + id);
        QVERIFY(waitFor(one));
        QVERIFY(one->ok());
        QCOMPARE(one->json()[u"id"_s].toString(), id);
    }

    void queryValuesAreEncoded()
    {
        // '+' must reach the server as a plus, not as a space.
        QString error;
        m_lab.database().exec(u"INSERT INTO resources (kind, id, name, created_at, modified_at) "
                              "VALUES ('location', 'loc_plus0001', 'A+B & C', '2026', '2026')"_s);
        ApiClient client(connection());
        QUrlQuery query;
        query.addQueryItem(u"name"_s, u"A+B & C"_s);
        ApiReply *reply = client.get(u"/locations"_s, query);
        QVERIFY(waitFor(reply));
        QCOMPARE(reply->json()[u"locations"_s].toArray().size(), 1);
        m_lab.database().exec(u"DELETE FROM resources WHERE id = 'loc_plus0001'"_s);
    }

    void apiErrorBodyIsTyped()
    {
        ApiClient client(connection());
        ApiReply *reply = client.get(u"/locations/loc_missing1"_s);
        QVERIFY(waitFor(reply));
        QVERIFY(!reply->ok());
        QCOMPARE(reply->error().kind, ApiError::Kind::Api);
        QCOMPARE(reply->error().httpStatus, 404);
        QCOMPARE(reply->error().invalidId, u"loc_missing1"_s);
        QVERIFY(reply->error().displayMessage().contains(u"loc_missing1"_s));
        QVERIFY(!reply->error().isTransient());
    }

    void wrongKeySaysWhatToCheck()
    {
        ApiClient client(connection(u"sk_wrong"_s));
        ApiReply *reply = client.get(u"/locations"_s);
        QVERIFY(waitFor(reply));
        QCOMPARE(reply->error().httpStatus, 401);
        QVERIFY(reply->error().displayMessage().contains(u"API key"_s));
    }

    void refusedConnectionIsATransportError()
    {
        QTcpServer probe; // find a port nobody listens on
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        const quint16 port = probe.serverPort();
        probe.close();
        ApiClient client({QUrl(u"http://127.0.0.1:%1"_s.arg(port)), u"k"_s, 5'000});
        ApiReply *reply = client.get(u"/locations"_s);
        QVERIFY(waitFor(reply));
        QCOMPARE(reply->error().kind, ApiError::Kind::Transport);
        QVERIFY(reply->error().isTransient());
        QVERIFY(reply->error().displayMessage().contains(u"Cannot reach"_s));
    }

    void silentServerTimesOut()
    {
        QTcpServer silent; // accepts and never answers
        QVERIFY(silent.listen(QHostAddress::LocalHost));
        ApiClient client({QUrl(u"http://127.0.0.1:%1"_s.arg(silent.serverPort())), u"k"_s, 300});
        ApiReply *reply = client.get(u"/locations"_s);
        QVERIFY(waitFor(reply));
        QCOMPARE(reply->error().kind, ApiError::Kind::Timeout);
    }

    void abortIsACancelAndDeletingIsSilent()
    {
        ApiClient client(connection());
        ApiReply *aborted = client.get(u"/locations"_s);
        QSignalSpy finished(aborted, &ApiReply::finished);
        aborted->abort();
        QTRY_COMPARE(finished.count(), 1);
        QCOMPARE(aborted->error().kind, ApiError::Kind::Cancelled);

        auto *owner = new QObject;
        ApiReply *owned = client.get(u"/locations"_s, {}, owner);
        QSignalSpy ownedFinished(owned, &ApiReply::finished);
        delete owner; // the request dies with its owner, without a result
        QTest::qWait(200);
        QCOMPARE(ownedFinished.count(), 0);
    }

    void brokenOffAfterTheHeadersIsTransportOrTimeout_data()
    {
        QTest::addColumn<bool>("closes");
        QTest::addColumn<int>("kind");
        QTest::newRow("connection reset") << true << int(ApiError::Kind::Transport);
        QTest::newRow("stalls") << false << int(ApiError::Kind::Timeout);
    }
    void brokenOffAfterTheHeadersIsTransportOrTimeout()
    {
        // Status line and headers arrive, then the body stops: the transfer failed, whatever
        // the status said; it is not "an answer Benchtop cannot read".
        QFETCH(bool, closes);
        QFETCH(int, kind);
        QTcpServer half;
        QVERIFY(half.listen(QHostAddress::LocalHost));
        connect(&half, &QTcpServer::newConnection, this, [&half, closes] {
            QTcpSocket *socket = half.nextPendingConnection();
            connect(socket, &QTcpSocket::readyRead, socket, [socket, closes] {
                socket->readAll();
                socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                              "Content-Length: 1000\r\n\r\n{\"locations\": [");
                socket->flush();
                if (closes)
                    socket->abort();
            });
        });
        ApiClient client({QUrl(u"http://127.0.0.1:%1"_s.arg(half.serverPort())), u"k"_s, 400});
        ApiReply *reply = client.get(u"/locations"_s);
        QVERIFY(waitFor(reply));
        QCOMPARE(int(reply->error().kind), kind);
        QVERIFY(reply->error().isTransient());
    }

    void nonJsonSuccessIsAParseError()
    {
        // A web page where an API was expected (a wrong base URL) must not look like data.
        QTcpServer html;
        QVERIFY(html.listen(QHostAddress::LocalHost));
        connect(&html, &QTcpServer::newConnection, this, [&html] {
            QTcpSocket *socket = html.nextPendingConnection();
            connect(socket, &QTcpSocket::readyRead, socket, [socket] {
                socket->write("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 6"
                              "\r\nConnection: close\r\n\r\n<html>");
                socket->disconnectFromHost();
            });
        });
        ApiClient client({QUrl(u"http://127.0.0.1:%1"_s.arg(html.serverPort())), u"k"_s, 5'000});
        ApiReply *reply = client.get(u"/locations"_s);
        QVERIFY(waitFor(reply));
        QCOMPARE(reply->error().kind, ApiError::Kind::Parse);
        QVERIFY(reply->error().displayMessage().contains(u"Benchling API"_s));
    }

    void pagerWalksAllPages()
    {
        ApiClient client(connection());
        ListPager pager(&client, u"/locations"_s, u"locations"_s, QUrlQuery(u"pageSize=15"_s));
        QSignalSpy pages(&pager, &ListPager::pageReady);
        QSet<QString> ids;
        while (pager.hasMore()) {
            pager.fetchNext();
            pager.fetchNext(); // a second call while loading must not fetch twice
            QVERIFY(pages.wait(10'000));
            for (const QJsonValue &location : pages.takeFirst().at(0).toJsonArray())
                ids.insert(location[u"id"_s].toString());
        }
        QCOMPARE(pager.pagesFetched(), 3);
        QCOMPARE(ids.size(), 40);
    }

    void pagerReportsFailure()
    {
        ApiClient client(connection());
        ListPager pager(&client, u"/locations"_s, u"locations"_s, QUrlQuery(u"pageSize=500"_s));
        QSignalSpy failed(&pager, &ListPager::failed);
        pager.fetchNext();
        QVERIFY(failed.wait(10'000));
        QCOMPARE(failed.at(0).at(0).value<ApiError>().httpStatus, 400);
        QVERIFY(pager.hasMore()); // nothing was consumed: a retry starts from the same page
    }
};

QTEST_GUILESS_MAIN(TestApiClient)
#include "tst_apiclient.moc"
