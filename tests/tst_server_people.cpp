// Users and teams on the lab server: the spec's filters, sorts, paging and error answers, on the
// demo lab's people (demo, alice, the "Cloning team" of the "Demo Lab" organisation).
#include "ApiTestClient.h"
#include "NotebookTestSupport.h"
#include "TestLabServer.h"

#include <QJsonArray>
#include <QTest>

using namespace Qt::StringLiterals;
using benchtop::test::ApiResponse;
using benchtop::test::ApiTestClient;
using benchtop::test::TestLabServer;

namespace {

QStringList names(const ApiResponse &response, const QString &key)
{
    QStringList out;
    for (const QJsonValue &item : response.json.value(key).toArray())
        out.append(item.toObject().value(u"name"_s).toString());
    return out;
}

} // namespace

class TestServerPeople : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_server.start());
        m_client = std::make_unique<ApiTestClient>(m_server.baseUrl(), m_server.apiKey());
        QVERIFY(!benchtop::test::addAlice(m_server.database()).isEmpty());
        const ApiResponse users = m_client->get(u"/users?sort=name"_s);
        QCOMPARE(users.status, 200);
        for (const QJsonValue &user : users.json.value(u"users"_s).toArray())
            m_ids.insert(user.toObject().value(u"handle"_s).toString(),
                         user.toObject().value(u"id"_s).toString());
        QVERIFY(m_ids.contains(u"demo"_s));
        QVERIFY(m_ids.contains(u"alice"_s));
        const ApiResponse teams = m_client->get(u"/teams"_s);
        QCOMPARE(teams.status, 200);
        QCOMPARE(teams.json.value(u"teams"_s).toArray().size(), 1);
        m_team = teams.json.value(u"teams"_s).toArray().first().toObject();
    }

    void userShape()
    {
        const ApiResponse demo = m_client->get(u"/users/"_s + m_ids[u"demo"_s]);
        QCOMPARE(demo.status, 200);
        QCOMPARE(demo.json.value(u"handle"_s).toString(), u"demo"_s);
        QCOMPARE(demo.json.value(u"name"_s).toString(), u"Demo Scientist"_s);
        QCOMPARE(demo.json.value(u"email"_s).toString(), u"demo@lab.local"_s);
        QCOMPARE(demo.json.value(u"isSuspended"_s), QJsonValue(false));
        // The test's key was made for demo, so its key time is set; alice has none.
        QVERIFY(demo.json.value(u"apiKeyLastChangedAt"_s).isString());
        QVERIFY(demo.json.value(u"passwordLastChangedAt"_s).isNull());
        QVERIFY(m_client->get(u"/users/"_s + m_ids[u"alice"_s])
                    .json.value(u"apiKeyLastChangedAt"_s)
                    .isNull());
        const ApiResponse missing = m_client->get(u"/users/ent_nope"_s);
        QCOMPARE(missing.status, 404);
        QCOMPARE(missing.json.value(u"error"_s).toObject().value(u"invalidId"_s).toString(),
                 u"ent_nope"_s);
    }

    void userFilters()
    {
        QCOMPARE(names(m_client->get(u"/users?sort=name"_s), u"users"_s),
                 (QStringList{u"Alice Moreau"_s, u"Demo Scientist"_s}));
        QCOMPARE(names(m_client->get(u"/users?sort=name:desc"_s), u"users"_s),
                 (QStringList{u"Demo Scientist"_s, u"Alice Moreau"_s}));
        QCOMPARE(names(m_client->get(u"/users?handles=alice"_s), u"users"_s),
                 QStringList{u"Alice Moreau"_s});
        QCOMPARE(names(m_client->get(u"/users?nameIncludes=MOREAU"_s), u"users"_s),
                 QStringList{u"Alice Moreau"_s});
        QCOMPARE(names(m_client->get(u"/users?name=Alice%20Moreau"_s), u"users"_s),
                 QStringList{u"Alice Moreau"_s});
        QCOMPARE(names(m_client->get(u"/users?name=alice%20moreau"_s), u"users"_s), QStringList());
        QCOMPARE(names(m_client->get(u"/users?names.anyOf=alice%20moreau"_s), u"users"_s),
                 QStringList{u"Alice Moreau"_s});
        QCOMPARE(
            names(m_client->get(u"/users?names.anyOf.caseSensitive=alice%20moreau"_s), u"users"_s),
            QStringList());
        QCOMPARE(names(m_client->get(u"/users?email.anyOf=demo@lab.local"_s), u"users"_s),
                 QStringList{u"Demo Scientist"_s});
        const QString team = m_team.value(u"id"_s).toString();
        QCOMPARE(names(m_client->get(u"/users?sort=name&memberOf="_s + team), u"users"_s),
                 (QStringList{u"Alice Moreau"_s, u"Demo Scientist"_s}));
        QCOMPARE(names(m_client->get(u"/users?adminOf="_s + team), u"users"_s),
                 QStringList{u"Demo Scientist"_s});
        const QString org = m_team.value(u"organization"_s).toObject().value(u"id"_s).toString();
        QCOMPARE(names(m_client->get(u"/users?adminOf="_s + org), u"users"_s),
                 QStringList{u"Demo Scientist"_s});
        QCOMPARE(names(m_client->get(u"/users?memberOf=team_nope"_s), u"users"_s), QStringList());
        QCOMPARE(names(m_client->get(u"/users?ids="_s + m_ids[u"alice"_s]), u"users"_s),
                 QStringList{u"Alice Moreau"_s});
        QCOMPARE(names(m_client->get(u"/users?modifiedAt=%3E%202000-01-01"_s), u"users"_s).size(),
                 2);
        QCOMPARE(names(m_client->get(u"/users?modifiedAt=%3C%202000-01-01"_s), u"users"_s).size(),
                 0);
    }

    void userPagingAndErrors()
    {
        const ApiResponse first = m_client->get(u"/users?pageSize=1&sort=name"_s);
        QCOMPARE(names(first, u"users"_s), QStringList{u"Alice Moreau"_s});
        const QString token = first.json.value(u"nextToken"_s).toString();
        QVERIFY(!token.isEmpty());
        const ApiResponse second =
            m_client->get(u"/users?pageSize=1&sort=name&nextToken="_s + token);
        QCOMPARE(names(second, u"users"_s), QStringList{u"Demo Scientist"_s});
        QCOMPARE(second.json.value(u"nextToken"_s).toString(), QString());

        const QString before = benchtop::test::notebookFingerprint(m_server.database());
        const ApiResponse unknown = m_client->get(u"/users?ids=ent_nope,"_s + m_ids[u"demo"_s]);
        QCOMPARE(unknown.status, 400);
        QVERIFY(unknown.errorMessage().contains(u"ent_nope"_s));
        QCOMPARE(m_client->get(u"/users?sort=handle"_s).status, 400);
        QCOMPARE(m_client->get(u"/users?pageSize=101"_s).status, 400);
        QCOMPARE(m_client->get(u"/users?modifiedAt=yesterday"_s).status, 400);
        QCOMPARE(m_client->get(u"/users?nextToken=garbage"_s).status, 400);
        QCOMPARE(benchtop::test::notebookFingerprint(m_server.database()), before);
    }

    void teams()
    {
        const QString id = m_team.value(u"id"_s).toString();
        QVERIFY(id.startsWith(u"team_"_s));
        QCOMPARE(m_team.value(u"name"_s).toString(), u"Cloning team"_s);
        const QJsonObject org = m_team.value(u"organization"_s).toObject();
        QCOMPARE(org.value(u"name"_s).toString(), u"Demo Lab"_s);
        QCOMPARE(org.value(u"handle"_s).toString(), u"demo-lab"_s);
        const ApiResponse got = m_client->get(u"/teams/"_s + id);
        QCOMPARE(got.status, 200);
        QCOMPARE(got.json, m_team);
        QCOMPARE(m_client->get(u"/teams/team_nope"_s).status, 404);

        const auto count = [this](const QString &query) {
            return m_client->get(u"/teams?"_s + query).json.value(u"teams"_s).toArray().size();
        };
        QCOMPARE(count(u"hasMembers="_s + m_ids[u"alice"_s]), 1);
        QCOMPARE(count(u"hasAdmins="_s + m_ids[u"alice"_s]), 0);
        QCOMPARE(count(u"hasAdmins="_s + m_ids[u"demo"_s]), 1);
        QCOMPARE(count(u"organizationId="_s + org.value(u"id"_s).toString()), 1);
        QCOMPARE(count(u"organizationId=ent_other"_s), 0);
        QCOMPARE(count(u"nameIncludes=clon"_s), 1);
        QCOMPARE(count(u"names.anyOf=CLONING%20TEAM"_s), 1);
        QCOMPARE(count(u"name=Cloning"_s), 0);
        QCOMPARE(count(u"mentionedIn=etr_none"_s), 0);
        QCOMPARE(m_client->get(u"/teams?ids=team_nope"_s).status, 400);
        QCOMPARE(m_client->get(u"/teams?sort=size"_s).status, 400);
    }

private:
    TestLabServer m_server;
    std::unique_ptr<ApiTestClient> m_client;
    QHash<QString, QString> m_ids; // handle -> id
    QJsonObject m_team;
};

QTEST_GUILESS_MAIN(TestServerPeople)
#include "tst_server_people.moc"
