// The sequence part of the lab server's API over HTTP: sequences, oligos, feature libraries and
// features, search/match (checked against a brute-force scan written here), the task actions and
// the enzyme and codon-table catalogues.
#include "ApiTestClient.h"
#include "TestLabServer.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTest>

using namespace Qt::StringLiterals;
using benchtop::test::ApiResponse;
using benchtop::test::ApiTestClient;
using benchtop::test::TestLabServer;

namespace {

// Independent IUPAC logic for the checks: the set of bases a code stands for.
int maskOf(QChar c)
{
    switch (c.toUpper().unicode()) {
    case 'A':
        return 1;
    case 'C':
        return 2;
    case 'G':
        return 4;
    case 'T':
    case 'U':
        return 8;
    case 'R':
        return 5;
    case 'Y':
        return 10;
    case 'S':
        return 6;
    case 'W':
        return 9;
    case 'K':
        return 12;
    case 'M':
        return 3;
    case 'B':
        return 14;
    case 'D':
        return 13;
    case 'H':
        return 11;
    case 'V':
        return 7;
    case 'N':
        return 15;
    default:
        return 0;
    }
}

QString revComp(const QString &s)
{
    QString out;
    for (qsizetype i = s.size() - 1; i >= 0; --i) {
        const int m = maskOf(s[i]);
        const int c = ((m & 1) << 3) | ((m & 2) << 1) | ((m & 4) >> 1) | ((m & 8) >> 3);
        static const QString codes = u"?ACMGRSVTWYHKDBN"_s;
        out.append(codes[c]);
    }
    return out;
}

// Pattern code p matches sequence code s when p allows every base s can be.
bool scanContains(const QString &sequence, bool circular, const QString &pattern)
{
    const QString text = circular ? sequence + sequence.left(pattern.size() - 1) : sequence;
    for (const QString &p : {pattern, revComp(pattern)}) {
        for (qsizetype i = 0; i + p.size() <= text.size(); ++i) {
            bool all = true;
            for (qsizetype j = 0; j < p.size() && all; ++j) {
                const int sm = maskOf(text[i + j]);
                all = sm != 0 && (maskOf(p[j]) & sm) == sm;
            }
            if (all)
                return true;
        }
    }
    return false;
}

QStringList idsOf(const QJsonArray &items)
{
    QStringList ids;
    for (const QJsonValue &item : items)
        ids.append(item[u"id"_s].toString());
    ids.sort();
    return ids;
}

} // namespace

class TestServerSequences : public QObject
{
    Q_OBJECT

    TestLabServer m_lab;
    std::unique_ptr<ApiTestClient> m_api;

    ApiResponse get(const QString &path) { return m_api->get(path); }
    ApiResponse post(const QString &path, const QJsonObject &body)
    {
        return m_api->post(path, body);
    }
    ApiResponse patch(const QString &path, const QJsonObject &body)
    {
        return m_api->patch(path, body);
    }

    // Every item of a list, following nextToken.
    QJsonArray listAll(const QString &path, const QString &key, int pageSize = 100)
    {
        QJsonArray all;
        QString token;
        const QString sep = path.contains(u'?') ? u"&"_s : u"?"_s;
        for (int guard = 0; guard < 1000; ++guard) {
            const ApiResponse r =
                get(QString(path + sep + u"pageSize="_s + QString::number(pageSize) +
                            (token.isEmpty() ? QString() : QString(u"&nextToken="_s + token))));
            if (r.status != 200) {
                qWarning() << path << r.status << r.errorMessage();
                return {};
            }
            for (const QJsonValue &v : r.json[key].toArray())
                all.append(v);
            token = r.json[u"nextToken"_s].toString();
            if (token.isEmpty())
                break;
        }
        return all;
    }

    QJsonObject dnaByName(const QString &name)
    {
        const ApiResponse r = get(u"/dna-sequences?name="_s + name);
        const QJsonArray items = r.json[u"dnaSequences"_s].toArray();
        return items.isEmpty() ? QJsonObject() : items.first().toObject();
    }

    QJsonObject createDna(const QJsonObject &body)
    {
        const ApiResponse r = post(u"/dna-sequences"_s, body);
        if (r.status != 201)
            qWarning() << "create" << r.status << r.errorMessage();
        return r.json;
    }

    int count(const QString &path, const QString &key) { return int(listAll(path, key).size()); }

private Q_SLOTS:
    void initTestCase()
    {
        QElapsedTimer timer;
        timer.start();
        QVERIFY(m_lab.start());
        qInfo() << "server with demo data started in" << timer.elapsed() << "ms";
        m_api = std::make_unique<ApiTestClient>(m_lab.baseUrl(), m_lab.apiKey());
    }

    void demoPlasmidsAreAnnotated()
    {
        const QJsonArray all = listAll(u"/dna-sequences"_s, u"dnaSequences"_s);
        QCOMPARE(all.size(), 9);
        const QJsonObject puc = dnaByName(u"pUC19%20M77789"_s);
        QVERIFY(!puc.isEmpty());
        QCOMPARE(puc[u"length"_s].toInt(), 2686);
        QCOMPARE(puc[u"bases"_s].toString().size(), 2686);
        QVERIFY(puc[u"isCircular"_s].toBool());
        QVERIFY(puc[u"id"_s].toString().startsWith(u"seq_"_s));
        QVERIFY(!puc[u"annotations"_s].toArray().isEmpty());
        // The M13 primers are bound where the oligos match.
        const QJsonArray primers = puc[u"primers"_s].toArray();
        QVERIFY(!primers.isEmpty());
        for (const QJsonValue &p : primers) {
            const QString bases = p[u"bases"_s].toString();
            const int start = p[u"start"_s].toInt();
            QString bound = puc[u"bases"_s].toString().mid(start, bases.size()).toUpper();
            if (p[u"strand"_s].toInt() == -1)
                bound = revComp(bound);
            QCOMPARE(bound, bases.toUpper());
        }
    }

    // A known CDS: the translation the server computes equals GenBank's /translation of the
    // bla (AmpR) gene of pBR322 (J01749), read from the file here.
    void demoTranslationsMatchGenBank()
    {
        QFile file(QStringLiteral(BENCHTOP_TEST_DATA "/plasmids/pBR322_J01749.gb"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QString text = QString::fromLatin1(file.readAll());
        // Every /translation="..." of the file, whitespace removed.
        QSet<QString> expected;
        qsizetype at = 0;
        while ((at = text.indexOf(u"/translation=\""_s, at)) >= 0) {
            const qsizetype end = text.indexOf(u'"', at + 14);
            QString protein = text.mid(at + 14, end - at - 14);
            protein.remove(u' ').remove(u'\n').remove(u'\r');
            expected.insert(protein);
            at = end;
        }
        QVERIFY(expected.size() >= 2);
        const QJsonObject pbr = dnaByName(u"pBR322%20J01749"_s);
        const QJsonArray translations = pbr[u"translations"_s].toArray();
        QVERIFY(!translations.isEmpty());
        int found = 0;
        for (const QJsonValue &t : translations)
            found += expected.contains(t[u"aminoAcids"_s].toString());
        QCOMPARE(found, int(expected.size()));
    }

    void createGetPatchDna()
    {
        const QJsonObject created = createDna({
            {u"name"_s, u"test construct"_s},
            {u"bases"_s, u"ATGAAACGCATTAGCACCACCATTACCACCACCATCACCATTACCACAGGTAACGGTGCGGGCTGA"_s},
            {u"isCircular"_s, false},
            {u"annotations"_s, QJsonArray{QJsonObject{{u"start"_s, 0},
                                                      {u"end"_s, 66},
                                                      {u"strand"_s, 1},
                                                      {u"type"_s, u"CDS"_s},
                                                      {u"name"_s, u"thrL"_s}}}},
            {u"translations"_s,
             QJsonArray{QJsonObject{{u"start"_s, 0}, {u"end"_s, 66}, {u"strand"_s, 1}}}},
            {u"aliases"_s, QJsonArray{u"thrL leader"_s}},
        });
        const QString id = created[u"id"_s].toString();
        QVERIFY(id.startsWith(u"seq_"_s));
        QCOMPARE(created[u"length"_s].toInt(), 66);
        // The end of the sequence is written as 0.
        QCOMPARE(created[u"annotations"_s][0][u"end"_s].toInt(), 0);
        QCOMPARE(created[u"translations"_s][0][u"aminoAcids"_s].toString(),
                 u"MKRISTTITTTITITTGNGAG"_s);
        QCOMPARE(created[u"translations"_s][0][u"geneticCode"_s].toString(), u"STANDARD"_s);
        QCOMPARE(created[u"folderId"_s], QJsonValue(QJsonValue::Null));
        QCOMPARE(created[u"aliases"_s].toArray(), QJsonArray{u"thrL leader"_s});

        const ApiResponse got = get(u"/dna-sequences/"_s + id);
        QCOMPARE(got.status, 200);
        QCOMPARE(got.json[u"bases"_s], created[u"bases"_s]);

        // Patch bases to a shorter sequence: what no longer fits is dropped.
        const ApiResponse patched =
            patch(u"/dna-sequences/"_s + id, {{u"bases"_s, u"ATGAAACGC"_s}});
        QCOMPARE(patched.status, 200);
        QCOMPARE(patched.json[u"length"_s].toInt(), 9);
        QCOMPARE(patched.json[u"annotations"_s].toArray().size(), 0);

        const ApiResponse missing = get(u"/dna-sequences/seq_nothere"_s);
        QCOMPARE(missing.status, 404);
        QCOMPARE(missing.json[u"error"_s][u"invalidId"_s].toString(), u"seq_nothere"_s);
    }

    void refusalsChangeNothing_data()
    {
        QTest::addColumn<QJsonObject>("body");
        QTest::addColumn<QString>("messagePart");
        const QJsonObject ok{
            {u"name"_s, u"bad"_s}, {u"bases"_s, u"ACGT"_s}, {u"isCircular"_s, false}};
        auto with = [&](const QString &key, const QJsonValue &value) {
            QJsonObject o = ok;
            o.insert(key, value);
            return o;
        };
        QTest::newRow("bad base") << with(u"bases"_s, u"ACGTXACGT"_s) << u"'X' at position 4"_s;
        QTest::newRow("U in DNA") << with(u"bases"_s, u"ACGU"_s) << u"not a DNA base"_s;
        QTest::newRow("unknown field") << with(u"colour"_s, u"red"_s) << u"colour"_s;
        QTest::newRow("wrong type") << with(u"isCircular"_s, u"yes"_s) << u"isCircular"_s;
        QJsonObject noName = ok;
        noName.remove(u"name"_s);
        QTest::newRow("missing name") << noName << u"name"_s;
        QTest::newRow("annotation out of range")
            << with(u"annotations"_s, QJsonArray{QJsonObject{{u"start"_s, 2}, {u"end"_s, 9}}})
            << u"annotations[0]: end 9"_s;
        QTest::newRow("backwards on linear")
            << with(u"annotations"_s, QJsonArray{QJsonObject{{u"start"_s, 3}, {u"end"_s, 1}}})
            << u"linear"_s;
        QTest::newRow("bad strand")
            << with(u"annotations"_s,
                    QJsonArray{QJsonObject{{u"start"_s, 0}, {u"end"_s, 2}, {u"strand"_s, 2}}})
            << u"strand"_s;
        QTest::newRow("bad genetic code")
            << with(u"translations"_s,
                    QJsonArray{QJsonObject{
                        {u"start"_s, 0}, {u"end"_s, 3}, {u"geneticCode"_s, u"MARTIAN"_s}}})
            << u"MARTIAN"_s;
        QTest::newRow("unknown folder") << with(u"folderId"_s, u"nofolder"_s) << u"nofolder"_s;
        QTest::newRow("unknown oligo")
            << with(u"primers"_s, QJsonArray{QJsonObject{{u"start"_s, 0},
                                                         {u"end"_s, 3},
                                                         {u"strand"_s, 1},
                                                         {u"oligoId"_s, u"seq_none"_s}}})
            << u"seq_none"_s;
        QTest::newRow("unknown author")
            << with(u"authorIds"_s, QJsonArray{u"ent_nobody"_s}) << u"ent_nobody"_s;
    }

    void refusalsChangeNothing()
    {
        QFETCH(QJsonObject, body);
        QFETCH(QString, messagePart);
        const int before = count(u"/dna-sequences?archiveReason=ANY_ARCHIVED_OR_NOT_ARCHIVED"_s,
                                 u"dnaSequences"_s);
        const ApiResponse r = post(u"/dna-sequences"_s, body);
        QCOMPARE(r.status, 400);
        QVERIFY2(r.errorMessage().contains(messagePart), qPrintable(r.errorMessage()));
        QCOMPARE(r.json[u"error"_s][u"type"_s].toString(), u"invalid_request_error"_s);
        QCOMPARE(count(u"/dna-sequences?archiveReason=ANY_ARCHIVED_OR_NOT_ARCHIVED"_s,
                       u"dnaSequences"_s),
                 before);
    }

    void patchRefusalLeavesRow()
    {
        const QJsonObject puc = dnaByName(u"pUC19%20M77789"_s);
        const QString id = puc[u"id"_s].toString();
        const ApiResponse r = patch(u"/dna-sequences/"_s + id, {{u"bases"_s, u"ACGT1"_s}});
        QCOMPARE(r.status, 400);
        QVERIFY(r.errorMessage().contains(u"'1'"_s));
        const ApiResponse after = get(u"/dna-sequences/"_s + id);
        QCOMPARE(after.json[u"bases"_s], puc[u"bases"_s]);
        QCOMPARE(after.json[u"modifiedAt"_s], puc[u"modifiedAt"_s]);
        QCOMPARE(patch(u"/dna-sequences/seq_none"_s, {{u"name"_s, u"x"_s}}).status, 404);
    }

    void rnaAndAaSequences()
    {
        ApiResponse rna =
            post(u"/rna-sequences"_s,
                 {{u"name"_s, u"guide"_s},
                  {u"bases"_s, u"AUGGCCUUUUAA"_s},
                  {u"isCircular"_s, false},
                  {u"translations"_s, QJsonArray{QJsonObject{{u"start"_s, 0}, {u"end"_s, 0}}}}});
        QCOMPARE(rna.status, 201);
        QCOMPARE(rna.json[u"translations"_s][0][u"aminoAcids"_s].toString(), u"MAF"_s);
        QCOMPARE(post(u"/rna-sequences"_s,
                      {{u"name"_s, u"x"_s}, {u"bases"_s, u"ACGT"_s}, {u"isCircular"_s, false}})
                     .status,
                 400);
        QCOMPARE(post(u"/rna-sequences"_s,
                      {{u"name"_s, u"x"_s},
                       {u"bases"_s, u"ACGU"_s},
                       {u"isCircular"_s, false},
                       {u"annotations"_s, QJsonArray{QJsonObject{
                                              {u"start"_s, 0}, {u"end"_s, 1}, {u"strand"_s, -1}}}}})
                     .status,
                 400);
        ApiResponse aa = post(u"/aa-sequences"_s, {{u"name"_s, u"GFP fragment"_s},
                                                   {u"aminoAcids"_s, u"MSKGEELFTGVV"_s}});
        QCOMPARE(aa.status, 201);
        QVERIFY(aa.json[u"id"_s].toString().startsWith(u"prtn_"_s));
        QCOMPARE(aa.json[u"length"_s].toInt(), 12);
        const ApiResponse badAa =
            post(u"/aa-sequences"_s, {{u"name"_s, u"x"_s}, {u"aminoAcids"_s, u"MSK1"_s}});
        QCOMPARE(badAa.status, 400);
        QVERIFY(badAa.errorMessage().contains(u"amino acid"_s));
        // Bulk get names them; an unknown id is a 400.
        const ApiResponse bulk =
            get(u"/aa-sequences:bulk-get?aaSequenceIds="_s + aa.json[u"id"_s].toString());
        QCOMPARE(bulk.status, 200);
        QCOMPARE(bulk.json[u"aaSequences"_s].toArray().size(), 1);
        QCOMPARE(get(u"/aa-sequences:bulk-get?aaSequenceIds=prtn_none"_s).status, 400);
    }

    void archiveAndUnarchive()
    {
        const QJsonObject seq = createDna(
            {{u"name"_s, u"to archive"_s}, {u"bases"_s, u"ACGTACGT"_s}, {u"isCircular"_s, false}});
        const QString id = seq[u"id"_s].toString();
        ApiResponse r = post(u"/dna-sequences:archive"_s,
                             {{u"dnaSequenceIds"_s, QJsonArray{id}}, {u"reason"_s, u"Retired"_s}});
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json[u"dnaSequenceIds"_s].toArray(), QJsonArray{id});
        QCOMPARE(get(u"/dna-sequences/"_s + id).json[u"archiveRecord"_s][u"reason"_s].toString(),
                 u"Retired"_s);
        QVERIFY(!idsOf(listAll(u"/dna-sequences"_s, u"dnaSequences"_s)).contains(id));
        QCOMPARE(post(u"/dna-sequences:archive"_s,
                      {{u"dnaSequenceIds"_s, QJsonArray{id}}, {u"reason"_s, u"Bored"_s}})
                     .status,
                 400);
        r = post(u"/dna-sequences:unarchive"_s, {{u"dnaSequenceIds"_s, QJsonArray{id}}});
        QCOMPARE(r.status, 200);
        QCOMPARE(get(u"/dna-sequences/"_s + id).json[u"archiveRecord"_s],
                 QJsonValue(QJsonValue::Null));
    }

    void bulkCreateAndUpdate()
    {
        ApiResponse r =
            post(u"/dna-sequences:bulk-create"_s,
                 {{u"dnaSequences"_s, QJsonArray{QJsonObject{{u"name"_s, u"bulk 1"_s},
                                                             {u"bases"_s, u"AAAACCCC"_s},
                                                             {u"isCircular"_s, false}},
                                                 QJsonObject{{u"name"_s, u"bulk 2"_s},
                                                             {u"bases"_s, u"GGGGTTTT"_s},
                                                             {u"isCircular"_s, true}}}}});
        QCOMPARE(r.status, 202);
        QJsonObject task = m_api->waitForTask(r.taskId());
        QCOMPARE(task[u"status"_s].toString(), u"SUCCEEDED"_s);
        const QJsonArray made = task[u"response"_s][u"dnaSequences"_s].toArray();
        QCOMPARE(made.size(), 2);
        // One bad item fails the task and saves nothing.
        const int before = count(u"/dna-sequences"_s, u"dnaSequences"_s);
        r = post(u"/dna-sequences:bulk-create"_s,
                 {{u"dnaSequences"_s, QJsonArray{QJsonObject{{u"name"_s, u"fine"_s},
                                                             {u"bases"_s, u"AAAA"_s},
                                                             {u"isCircular"_s, false}},
                                                 QJsonObject{{u"name"_s, u"bad"_s},
                                                             {u"bases"_s, u"AAZA"_s},
                                                             {u"isCircular"_s, false}}}}});
        QCOMPARE(r.status, 202);
        task = m_api->waitForTask(r.taskId());
        QCOMPARE(task[u"status"_s].toString(), u"FAILED"_s);
        QCOMPARE(task[u"errors"_s][0][u"index"_s].toInt(), 1);
        QCOMPARE(count(u"/dna-sequences"_s, u"dnaSequences"_s), before);

        r = post(u"/dna-sequences:bulk-update"_s,
                 {{u"dnaSequences"_s, QJsonArray{QJsonObject{{u"id"_s, made[0][u"id"_s]},
                                                             {u"name"_s, u"renamed"_s}}}}});
        task = m_api->waitForTask(r.taskId());
        QCOMPARE(task[u"status"_s].toString(), u"SUCCEEDED"_s);
        QCOMPARE(get(u"/dna-sequences/"_s + made[0][u"id"_s].toString()).json[u"name"_s].toString(),
                 u"renamed"_s);
    }

    // search-bases finds exactly what a brute-force IUPAC scan of both strands finds.
    void searchBasesMatchesScan_data()
    {
        QTest::addColumn<QString>("pattern");
        QTest::newRow("EcoRI site") << u"GAATTCNN"_s;
        QTest::newRow("lac operator part") << u"TTGTGAGCGGATAACAA"_s;
        QTest::newRow("degenerate") << u"GGTCTCNRN"_s;
        QTest::newRow("reverse strand only") << revComp(u"ATGAGTATTCAACATTTCCGTGTCG"_s);
        QTest::newRow("lowercase") << u"gcggccgc"_s;
    }

    void searchBasesMatchesScan()
    {
        QFETCH(QString, pattern);
        const QJsonArray all = listAll(u"/dna-sequences"_s, u"dnaSequences"_s);
        QStringList expected;
        for (const QJsonValue &s : all) {
            if (scanContains(s[u"bases"_s].toString(), s[u"isCircular"_s].toBool(), pattern))
                expected.append(s[u"id"_s].toString());
        }
        expected.sort();
        QStringList found;
        QString token;
        do {
            QJsonObject body{{u"bases"_s, pattern}, {u"pageSize"_s, 2}};
            if (!token.isEmpty())
                body.insert(u"nextToken"_s, token);
            const ApiResponse r = post(u"/dna-sequences:search-bases"_s, body);
            QCOMPARE(r.status, 200);
            for (const QJsonValue &s : r.json[u"dnaSequences"_s].toArray())
                found.append(s[u"id"_s].toString());
            token = r.json[u"nextToken"_s].toString();
        } while (!token.isEmpty());
        found.sort();
        QCOMPARE(found, expected);
    }

    void searchAcrossOrigin()
    {
        // A site split by the origin of a circular sequence is found; of a linear one it is not.
        const QString bases = u"TTCAAAAAAAAAAAAAAAAAAAAAGAA"_s;
        const QJsonObject circular = createDna(
            {{u"name"_s, u"origin site"_s}, {u"bases"_s, bases}, {u"isCircular"_s, true}});
        const QJsonObject linear = createDna(
            {{u"name"_s, u"no origin site"_s}, {u"bases"_s, bases}, {u"isCircular"_s, false}});
        const ApiResponse r =
            post(u"/dna-sequences:search-bases"_s, {{u"bases"_s, u"AAAGAATTCAAA"_s}});
        const QStringList ids = idsOf(r.json[u"dnaSequences"_s].toArray());
        QVERIFY(ids.contains(circular[u"id"_s].toString()));
        QVERIFY(!ids.contains(linear[u"id"_s].toString()));
    }

    void searchAndMatchRefusals()
    {
        ApiResponse r = post(u"/dna-sequences:search-bases"_s, {{u"bases"_s, u"ACGT"_s}});
        QCOMPARE(r.status, 400);
        QVERIFY(r.errorMessage().contains(u"at least 8"_s));
        r = post(u"/dna-sequences:search-bases"_s, {{u"bases"_s, u"ACGTACGTQ"_s}});
        QCOMPARE(r.status, 400);
        r = post(u"/dna-sequences:search-bases"_s, {{u"bases"_s, u"ACGTACGT"_s}, {u"colour"_s, 1}});
        QCOMPARE(r.status, 400);
        r = post(u"/dna-sequences:match-bases"_s,
                 {{u"bases"_s, u"ACGTACGT"_s}, {u"sort"_s, u"length"_s}});
        QCOMPARE(r.status, 400);
        r = post(u"/dna-sequences:match-bases"_s, QJsonObject{});
        QCOMPARE(r.status, 400);
    }

    void matchBasesIsExact()
    {
        const QJsonObject a = createDna(
            {{u"name"_s, u"exact a"_s}, {u"bases"_s, u"acgtgcatgcat"_s}, {u"isCircular"_s, false}});
        createDna(
            {{u"name"_s, u"longer"_s}, {u"bases"_s, u"ACGTGCATGCATT"_s}, {u"isCircular"_s, false}});
        const ApiResponse r =
            post(u"/dna-sequences:match-bases"_s, {{u"bases"_s, u"ACGTGCATGCAT"_s}});
        QCOMPARE(r.status, 200);
        QCOMPARE(idsOf(r.json[u"dnaSequences"_s].toArray()), QStringList{a[u"id"_s].toString()});
        // The list filter agrees.
        const ApiResponse list = get(u"/dna-sequences?bases=ACGTGCATGCAT"_s);
        QCOMPARE(idsOf(list.json[u"dnaSequences"_s].toArray()), QStringList{a[u"id"_s].toString()});
    }

    void aminoAcidSearchAndMatch()
    {
        const ApiResponse aa =
            post(u"/aa-sequences"_s,
                 {{u"name"_s, u"lysozyme start"_s}, {u"aminoAcids"_s, u"KVFGRCELAAAMKRHGLDNY"_s}});
        const QString id = aa.json[u"id"_s].toString();
        ApiResponse r = post(u"/aa-sequences:search-amino-acids"_s,
                             {{u"aminoAcids"_s, u"CEXAAB"_s}}); // X any, B = D/N: no (M after A)
        QVERIFY(!idsOf(r.json[u"aaSequences"_s].toArray()).contains(id));
        r = post(u"/aa-sequences:search-amino-acids"_s, {{u"aminoAcids"_s, u"GLBNY"_s}});
        QCOMPARE(r.status, 200);
        QVERIFY(idsOf(r.json[u"aaSequences"_s].toArray()).contains(id));
        r = post(u"/aa-sequences:search-amino-acids"_s, {{u"aminoAcids"_s, u"KV"_s}});
        QCOMPARE(r.status, 400);
        r = post(u"/aa-sequences:match-amino-acids"_s,
                 {{u"aminoAcids"_s, u"kvfgrcelaaamkrhgldny"_s}});
        QCOMPARE(idsOf(r.json[u"aaSequences"_s].toArray()), QStringList{id});
    }

    void oligos()
    {
        ApiResponse r =
            post(u"/dna-oligos"_s, {{u"name"_s, u"fwd"_s}, {u"bases"_s, u"ACGTTGCA"_s}});
        QCOMPARE(r.status, 201);
        QCOMPARE(r.json[u"nucleotideType"_s].toString(), u"DNA"_s);
        QCOMPARE(r.json[u"length"_s].toInt(), 8);
        const QString id = r.json[u"id"_s].toString();
        QCOMPARE(
            patch(u"/dna-oligos/"_s + id, {{u"bases"_s, u"ACGTN"_s}}).json[u"length"_s].toInt(), 5);
        QCOMPARE(post(u"/dna-oligos"_s, {{u"name"_s, u"bad"_s}, {u"bases"_s, u"ACGU"_s}}).status,
                 400);
        r = post(u"/rna-oligos"_s, {{u"name"_s, u"rna"_s}, {u"bases"_s, u"ACGU"_s}});
        QCOMPARE(r.status, 201);
        QCOMPARE(r.json[u"nucleotideType"_s].toString(), u"RNA"_s);
        // The older /oligos serves the DNA oligos, demo primers included.
        const QJsonArray old = listAll(u"/oligos"_s, u"oligos"_s);
        QVERIFY(idsOf(old).contains(id));
        QVERIFY(!idsOf(old).contains(r.json[u"id"_s].toString()));
        QVERIFY(old.size() >= 7);
        r = post(u"/dna-oligos:archive"_s,
                 {{u"dnaOligoIds"_s, QJsonArray{id}}, {u"reason"_s, u"Expended"_s}});
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json[u"dnaOligoIds"_s].toArray(), QJsonArray{id});
        r = post(u"/dna-oligos:bulk-create"_s,
                 {{u"dnaOligos"_s,
                   QJsonArray{QJsonObject{{u"name"_s, u"b1"_s}, {u"bases"_s, u"AAAA"_s}}}}});
        QCOMPARE(m_api->waitForTask(r.taskId())[u"status"_s].toString(), u"SUCCEEDED"_s);
    }

    void featureLibrariesAndAutoAnnotate()
    {
        // The demo library annotates a plain copy of pUC19 with the features found in it.
        const QJsonArray libraries = listAll(u"/feature-libraries"_s, u"featureLibraries"_s);
        QCOMPARE(libraries.size(), 1);
        const QString demoLibrary = libraries[0][u"id"_s].toString();
        QVERIFY(demoLibrary.startsWith(u"featlib_"_s));

        ApiResponse r = post(u"/feature-libraries"_s,
                             {{u"name"_s, u"My tags"_s}, {u"description"_s, u"tags"_s}});
        QCOMPARE(r.status, 201);
        const QString library = r.json[u"id"_s].toString();
        QCOMPARE(post(u"/feature-libraries"_s, {{u"name"_s, u"x"_s}}).status, 400);
        QCOMPARE(get(u"/feature-libraries/featlib_none"_s).status, 404);
        r = patch(u"/feature-libraries/"_s + library, {{u"description"_s, u"my tags"_s}});
        QCOMPARE(r.json[u"description"_s].toString(), u"my tags"_s);

        r = post(u"/features"_s, {{u"name"_s, u"lacZ alpha start"_s},
                                  {u"featureType"_s, u"misc_feature"_s},
                                  {u"pattern"_s, u"ATGACCATGATTACGCCAAGC"_s},
                                  {u"matchType"_s, u"nucleotide"_s},
                                  {u"featureLibraryId"_s, library},
                                  {u"color"_s, u"#F58A5E"_s}});
        QCOMPARE(r.status, 201);
        QVERIFY(r.json[u"id"_s].toString().startsWith(u"feat_"_s));
        const ApiResponse bad = post(u"/features"_s, {{u"name"_s, u"bad"_s},
                                                      {u"featureType"_s, u"x"_s},
                                                      {u"pattern"_s, u"ACGJ"_s},
                                                      {u"matchType"_s, u"nucleotide"_s},
                                                      {u"featureLibraryId"_s, library}});
        QCOMPARE(bad.status, 400);
        QCOMPARE(post(u"/features"_s, {{u"name"_s, u"bad"_s},
                                       {u"featureType"_s, u"x"_s},
                                       {u"pattern"_s, u"ACGT"_s},
                                       {u"matchType"_s, u"nucleotide"_s},
                                       {u"featureLibraryId"_s, u"featlib_none"_s}})
                     .status,
                 400);
        r = post(u"/features:bulk-create"_s,
                 {{u"features"_s, QJsonArray{QJsonObject{{u"name"_s, u"His tag"_s},
                                                         {u"featureType"_s, u"CDS"_s},
                                                         {u"pattern"_s, u"HHHHHH"_s},
                                                         {u"matchType"_s, u"protein"_s},
                                                         {u"featureLibraryId"_s, library}}}}});
        QCOMPARE(m_api->waitForTask(r.taskId())[u"status"_s].toString(), u"SUCCEEDED"_s);
        QCOMPARE(listAll(u"/features?featureLibraryId="_s + library, u"features"_s).size(), 2);
        QCOMPARE(
            listAll(u"/features?matchType=protein&featureLibraryId="_s + library, u"features"_s)
                .size(),
            1);

        const QJsonObject puc = dnaByName(u"pUC19%20M77789"_s);
        const QJsonObject plain = createDna({{u"name"_s, u"plain pUC19"_s},
                                             {u"bases"_s, puc[u"bases"_s]},
                                             {u"isCircular"_s, true}});
        r = post(u"/dna-sequences:auto-annotate"_s,
                 {{u"dnaSequenceIds"_s, QJsonArray{plain[u"id"_s]}},
                  {u"featureLibraryIds"_s, QJsonArray{demoLibrary, library}}});
        QCOMPARE(r.status, 202);
        QCOMPARE(m_api->waitForTask(r.taskId())[u"status"_s].toString(), u"SUCCEEDED"_s);
        const QJsonObject annotated = get(u"/dna-sequences/"_s + plain[u"id"_s].toString()).json;
        const QJsonArray annotations = annotated[u"annotations"_s].toArray();
        QVERIFY(annotations.size() >= 3);
        bool lacZ = false;
        const QString bases = annotated[u"bases"_s].toString();
        for (const QJsonValue &a : annotations) {
            if (a[u"name"_s].toString() != u"lacZ alpha start"_s)
                continue;
            lacZ = true;
            QString site = bases.mid(a[u"start"_s].toInt(), 21);
            if (a[u"strand"_s].toInt() == -1)
                site = revComp(site);
            QCOMPARE(site, u"ATGACCATGATTACGCCAAGC"_s);
        }
        QVERIFY(lacZ);
        // Unknown library: 400, nothing started.
        r = post(u"/dna-sequences:auto-annotate"_s,
                 {{u"dnaSequenceIds"_s, QJsonArray{plain[u"id"_s]}},
                  {u"featureLibraryIds"_s, QJsonArray{u"featlib_none"_s}}});
        QCOMPARE(r.status, 400);
        QVERIFY(r.errorMessage().contains(u"featlib_none"_s));
    }

    void rnaAndAaActions()
    {
        // A protein feature annotates an AA sequence where its residues occur.
        ApiResponse r = post(u"/feature-libraries"_s,
                             {{u"name"_s, u"Protein tags"_s}, {u"description"_s, u"tags"_s}});
        const QString library = r.json[u"id"_s].toString();
        r = post(u"/features"_s, {{u"name"_s, u"FLAG"_s},
                                  {u"featureType"_s, u"tag"_s},
                                  {u"pattern"_s, u"DYKDDDDK"_s},
                                  {u"matchType"_s, u"protein"_s},
                                  {u"featureLibraryId"_s, library}});
        QCOMPARE(r.status, 201);
        const ApiResponse aa = post(
            u"/aa-sequences"_s, {{u"name"_s, u"flagged"_s}, {u"aminoAcids"_s, u"MADYKDDDDKGS"_s}});
        r = post(u"/aa-sequences:auto-annotate"_s,
                 {{u"aaSequenceIds"_s, QJsonArray{aa.json[u"id"_s]}},
                  {u"featureLibraryIds"_s, QJsonArray{library}}});
        QCOMPARE(r.status, 202);
        QCOMPARE(m_api->waitForTask(r.taskId())[u"status"_s].toString(), u"SUCCEEDED"_s);
        const QJsonArray annotations =
            get(u"/aa-sequences/"_s + aa.json[u"id"_s].toString()).json[u"annotations"_s].toArray();
        QCOMPARE(annotations.size(), 1);
        QCOMPARE(annotations[0][u"start"_s].toInt(), 2);
        QCOMPARE(annotations[0][u"end"_s].toInt(), 10);
        QCOMPARE(annotations[0][u"type"_s].toString(), u"tag"_s);

        // RNA: CDS annotations get translations.
        const ApiResponse rna = post(
            u"/rna-sequences"_s,
            {{u"name"_s, u"mrna"_s},
             {u"bases"_s, u"GGAUGAAAUGGUAAGG"_s},
             {u"isCircular"_s, false},
             {u"annotations"_s,
              QJsonArray{QJsonObject{
                  {u"start"_s, 2}, {u"end"_s, 14}, {u"strand"_s, 1}, {u"type"_s, u"CDS"_s}}}}});
        QCOMPARE(rna.status, 201);
        r = post(u"/rna-sequences:autofill-translations"_s,
                 {{u"rnaSequenceIds"_s, QJsonArray{rna.json[u"id"_s]}}});
        QCOMPARE(r.status, 202);
        QCOMPARE(m_api->waitForTask(r.taskId())[u"status"_s].toString(), u"SUCCEEDED"_s);
        QCOMPARE(get(u"/rna-sequences/"_s + rna.json[u"id"_s].toString())
                     .json[u"translations"_s][0][u"aminoAcids"_s]
                     .toString(),
                 u"MKW"_s);
        QCOMPARE(post(u"/rna-sequences:autofill-translations"_s,
                      {{u"dnaSequenceIds"_s, QJsonArray{rna.json[u"id"_s]}}})
                     .status,
                 400);
    }

    void autofillTranslations()
    {
        const QJsonObject seq =
            createDna({{u"name"_s, u"two cds"_s},
                       {u"bases"_s, u"ATGGCTTAAGGGTTACGCCAT"_s},
                       {u"isCircular"_s, false},
                       {u"annotations"_s, QJsonArray{QJsonObject{{u"start"_s, 0},
                                                                 {u"end"_s, 9},
                                                                 {u"strand"_s, 1},
                                                                 {u"type"_s, u"CDS"_s}},
                                                     QJsonObject{{u"start"_s, 12},
                                                                 {u"end"_s, 21},
                                                                 {u"strand"_s, -1},
                                                                 {u"type"_s, u"CDS"_s}}}}});
        ApiResponse r = post(u"/dna-sequences:autofill-translations"_s,
                             {{u"dnaSequenceIds"_s, QJsonArray{seq[u"id"_s]}}});
        QCOMPARE(r.status, 202);
        QCOMPARE(m_api->waitForTask(r.taskId())[u"status"_s].toString(), u"SUCCEEDED"_s);
        const QJsonArray translations =
            get(u"/dna-sequences/"_s + seq[u"id"_s].toString()).json[u"translations"_s].toArray();
        QCOMPARE(translations.size(), 2);
        QCOMPARE(translations[0][u"aminoAcids"_s].toString(), u"MA"_s);
        QCOMPARE(translations[1][u"aminoAcids"_s].toString(), u"MA"_s); // ATGGCGTAA reversed
        QCOMPARE(post(u"/dna-sequences:autofill-translations"_s,
                      {{u"dnaSequenceIds"_s, QJsonArray{u"seq_none"_s}}})
                     .status,
                 400);
    }

    void optimizeCodonsAndBackTranslate()
    {
        const QJsonArray tables = listAll(u"/codon-usage-tables"_s, u"codonUsageTables"_s);
        QCOMPARE(tables.size(), 4);
        QString ecoli;
        for (const QJsonValue &t : tables)
            if (t[u"id"_s].toString() == u"codtab_Eecoli"_s)
                ecoli = t[u"id"_s].toString();
        QVERIFY(!ecoli.isEmpty());
        // Results go into a real folder (the demo notebook has some).
        const QJsonArray folders = get(u"/folders?pageSize=1"_s).json[u"folders"_s].toArray();
        QVERIFY(!folders.isEmpty());
        const QString folder = folders.first()[u"id"_s].toString();
        const QJsonObject cds = createDna({{u"name"_s, u"cds"_s},
                                           {u"bases"_s, u"ATGCTACTACTAGAATTCAGATAA"_s},
                                           {u"isCircular"_s, false}});
        ApiResponse r = post(u"/dna-sequences:optimize-codons"_s,
                             {{u"dnaSequenceIds"_s, QJsonArray{cds[u"id"_s]}},
                              {u"folderId"_s, folder},
                              {u"codonUsageTableId"_s, ecoli},
                              {u"avoidedCutsiteEnzymeIds"_s, QJsonArray{u"enz_EcoRI"_s}}});
        QCOMPARE(r.status, 202);
        QJsonObject task = m_api->waitForTask(r.taskId());
        QCOMPARE(task[u"status"_s].toString(), u"SUCCEEDED"_s);
        const QJsonObject optimized = task[u"response"_s][u"dnaSequences"_s][0].toObject();
        const QString bases = optimized[u"bases"_s].toString();
        QCOMPARE(bases.size(), 24);
        QVERIFY(!bases.contains(u"GAATTC"_s));
        // Same protein.
        QCOMPARE(optimized[u"translations"_s][0][u"aminoAcids"_s].toString(), u"MLLLEFR"_s);
        QCOMPARE(optimized[u"folderId"_s].toString(), folder);

        r = post(u"/dna-sequences:optimize-codons"_s,
                 {{u"dnaSequenceIds"_s, QJsonArray{cds[u"id"_s]}},
                  {u"folderId"_s, folder},
                  {u"codonUsageTableId"_s, u"codtab_martian"_s}});
        QCOMPARE(r.status, 400);
        r = post(
            u"/dna-sequences:optimize-codons"_s,
            {{u"dnaSequenceIds"_s, QJsonArray{cds[u"id"_s]}}, {u"codonUsageTableId"_s, ecoli}});
        QCOMPARE(r.status, 400); // folderId is required
        // Not a whole number of codons: the task fails and makes nothing.
        const QJsonObject odd =
            createDna({{u"name"_s, u"odd"_s}, {u"bases"_s, u"ATGCT"_s}, {u"isCircular"_s, false}});
        const int before = count(u"/dna-sequences"_s, u"dnaSequences"_s);
        r = post(u"/dna-sequences:optimize-codons"_s,
                 {{u"dnaSequenceIds"_s, QJsonArray{cds[u"id"_s], odd[u"id"_s]}},
                  {u"folderId"_s, folder},
                  {u"codonUsageTableId"_s, ecoli}});
        task = m_api->waitForTask(r.taskId());
        QCOMPARE(task[u"status"_s].toString(), u"FAILED"_s);
        QCOMPARE(count(u"/dna-sequences"_s, u"dnaSequences"_s), before);

        const ApiResponse aa =
            post(u"/aa-sequences"_s, {{u"name"_s, u"peptide"_s}, {u"aminoAcids"_s, u"MKWLLE"_s}});
        r = post(u"/aa-sequences:back-translate"_s,
                 {{u"aaSequenceIds"_s, QJsonArray{aa.json[u"id"_s]}},
                  {u"folderId"_s, folder},
                  {u"codonUsageTableId"_s, u"codtab_Ehuman"_s}});
        QCOMPARE(r.status, 202);
        task = m_api->waitForTask(r.taskId());
        QCOMPARE(task[u"status"_s].toString(), u"SUCCEEDED"_s);
        const QJsonObject dna = task[u"response"_s][u"dnaSequences"_s][0].toObject();
        QCOMPARE(dna[u"length"_s].toInt(), 18);
        QCOMPARE(dna[u"translations"_s][0][u"aminoAcids"_s].toString(), u"MKWLLE"_s);
    }

    void enzymesPaging()
    {
        ApiResponse r = get(u"/enzymes?name=EcoRI"_s);
        QCOMPARE(r.status, 200);
        const QJsonObject ecori = r.json[u"enzymes"_s][0].toObject();
        QCOMPARE(ecori[u"id"_s].toString(), u"enz_EcoRI"_s);
        QCOMPARE(ecori[u"restrictionSite"_s].toString(), u"GAATTC"_s);
        QCOMPARE(ecori[u"cutsites"_s].toArray(), QJsonArray{1});
        QCOMPARE(ecori[u"offsets"_s].toArray(), QJsonArray{5});
        // Pages of 37 cover the catalogue once, in name order.
        const QJsonArray all = listAll(u"/enzymes"_s, u"enzymes"_s, 37);
        QVERIFY(all.size() > 500);
        QSet<QString> seen;
        QString previous;
        for (const QJsonValue &e : all) {
            const QString name = e[u"name"_s].toString();
            QVERIFY(!seen.contains(name));
            seen.insert(name);
            QVERIFY2(previous <= name, qPrintable(previous + u" > "_s + name));
            previous = name;
        }
        const QJsonArray desc = listAll(u"/enzymes?sort=name:desc"_s, u"enzymes"_s, 100);
        QCOMPARE(desc.size(), all.size());
        QCOMPARE(desc.first()[u"name"_s], all.last()[u"name"_s]);
        r = get(u"/enzymes?nameIncludes=ecor"_s);
        for (const QJsonValue &e : r.json[u"enzymes"_s].toArray())
            QVERIFY(e[u"name"_s].toString().contains(u"ecor"_s, Qt::CaseInsensitive));
        QVERIFY(!r.json[u"enzymes"_s].toArray().isEmpty());
        QCOMPARE(get(u"/enzymes?ids=enz_Nope"_s).status, 400);
        QCOMPARE(get(u"/enzymes?sort=site"_s).status, 400);
        QCOMPARE(get(u"/enzymes?pageSize=101"_s).status, 400);
        r = get(u"/codon-usage-tables?pageSize=3"_s);
        QCOMPARE(r.json[u"codonUsageTables"_s].toArray().size(), 3);
        QVERIFY(!r.json[u"nextToken"_s].toString().isEmpty());
        r = get(u"/codon-usage-tables?names.anyOf=homo%20sapiens"_s);
        QCOMPARE(r.json[u"codonUsageTables"_s].toArray().size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestServerSequences)
#include "tst_server_sequences.moc"
