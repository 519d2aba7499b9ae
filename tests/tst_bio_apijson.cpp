#include "bio/ApiJson.h"
#include "bio/GeneticCode.h"
#include "bio/SnapGene.h"

#include "BioTestSupport.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace benchtop::bio;
using namespace benchtop::test;
using namespace Qt::StringLiterals;

namespace {

Span span(qint64 start, qint64 end, Strand strand = Strand::Forward)
{
    Span s;
    s.start = start;
    s.end = end;
    s.strand = strand;
    return s;
}

Feature feature(const QString &type, QList<Span> spans, const QString &label,
                QList<Qualifier> more = {})
{
    Feature f;
    f.type = type;
    f.location.spans = std::move(spans);
    f.location.op =
        f.location.spans.size() > 1 ? Location::Operator::Join : Location::Operator::Single;
    f.qualifiers.append(Qualifier{u"label"_s, label, true});
    f.qualifiers += more;
    return f;
}

Record plasmid(qint64 length, Topology topology = Topology::Circular)
{
    Record r;
    r.name = u"pTest"_s;
    r.moleculeType = u"DNA"_s;
    r.topology = topology;
    r.sequence = QByteArray(length, 'A');
    for (qint64 i = 0; i < length; i += 7)
        r.sequence[i] = 'C';
    return r;
}

QJsonObject json(const char *text)
{
    return QJsonDocument::fromJson(text).object();
}

} // namespace

class TestApiJson : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void endOfSequenceIsZero()
    {
        Record r = plasmid(100, Topology::Linear);
        r.features = {feature(u"misc_feature"_s, {span(90, 100)}, u"tail"_s),
                      feature(u"misc_feature"_s, {span(0, 100, Strand::None)}, u"all"_s)};
        const QJsonObject o = toApiJson(r);
        QCOMPARE(o[u"isCircular"_s].toBool(), false);
        QCOMPARE(o[u"bases"_s].toString().size(), 100);
        const QJsonArray a = o[u"annotations"_s].toArray();
        QCOMPARE(a.size(), 2);
        QCOMPARE(a[0][u"start"_s].toInteger(), 90);
        QCOMPARE(a[0][u"end"_s].toInteger(), 0);
        QCOMPARE(a[0][u"strand"_s].toInt(), 1);
        QCOMPARE(a[0][u"name"_s].toString(), u"tail"_s);
        QCOMPARE(a[1][u"start"_s].toInteger(), 0);
        QCOMPARE(a[1][u"end"_s].toInteger(), 0);
        QCOMPARE(a[1][u"strand"_s].toInt(), 0);

        const ApiJsonResult back = fromApiJson(o);
        QVERIFY(back.ok());
        QCOMPARE(back.records.first().features, r.features);
        QCOMPARE(back.records.first().topology, Topology::Linear);
    }

    void originWrap()
    {
        Record r = plasmid(7000);
        // Forward: 6801..100 is [6800,7000) then [0,100). Reverse, 5'->3' on its strand, it is
        // [0,100) then [6800,7000).
        r.features = {
            feature(u"misc_feature"_s, {span(6800, 7000), span(0, 100)}, u"fwd"_s),
            feature(u"misc_feature"_s,
                    {span(0, 100, Strand::Reverse), span(6800, 7000, Strand::Reverse)}, u"rev"_s),
        };
        const QJsonArray a = toApiJson(r)[u"annotations"_s].toArray();
        for (int i = 0; i < 2; ++i) {
            QCOMPARE(a[i][u"start"_s].toInteger(), 6800);
            QCOMPARE(a[i][u"end"_s].toInteger(), 100);
            QVERIFY(!a[i].toObject().contains(u"notes"_s)); // start > end says it all
        }
        QCOMPARE(a[1][u"strand"_s].toInt(), -1);
        const ApiJsonResult back = fromApiJson(toApiJson(r));
        QVERIFY(back.ok());
        QCOMPARE(back.records.first().features, r.features);

        // The whole circle, starting anywhere: start == end.
        Record whole = plasmid(10);
        whole.features = {feature(u"misc_feature"_s, {span(4, 10), span(0, 4)}, u"all"_s)};
        const QJsonObject circle = toApiJson(whole)[u"annotations"_s].toArray().first().toObject();
        QCOMPARE(circle[u"start"_s].toInteger(), 4);
        QCOMPARE(circle[u"end"_s].toInteger(), 4);
        QCOMPARE(fromApiJson(toApiJson(whole)).records.first().features, whole.features);

        // Reading: start > end wraps; end 0 is the end of the sequence.
        const ApiJsonResult read = fromApiJson(json(R"({"bases":"ACGTACGTAC","isCircular":true,
            "annotations":[{"start":8,"end":2,"strand":1,"type":"promoter","name":"p"},
                           {"start":8,"end":0,"strand":-1,"type":"terminator","name":"t"}]})"));
        QVERIFY(read.ok());
        const QList<Feature> &f = read.records.first().features;
        QCOMPARE(f[0].location.spans, (QList<Span>{span(8, 10), span(0, 2)}));
        QCOMPARE(f[1].location.spans, (QList<Span>{span(8, 10, Strand::Reverse)}));
        QCOMPARE(f[1].type, u"terminator"_s);
    }

    // Joins are one annotation over first..last base; the notes keep the exact spans.
    void joins()
    {
        Record r = plasmid(1000);
        r.features = {
            feature(u"misc_feature"_s, {span(10, 20), span(30, 40)}, u"two"_s,
                    {{u"note"_s, u"user note"_s, true}}),
            feature(u"exon"_s, {span(300, 400, Strand::Reverse), span(100, 200, Strand::Reverse)},
                    u"rev"_s),
            feature(u"misc_feature"_s, {span(900, 950), span(980, 1000), span(0, 50)}, u"wrap3"_s),
        };
        const QJsonArray a = toApiJson(r)[u"annotations"_s].toArray();
        QCOMPARE(a[0][u"start"_s].toInteger(), 10);
        QCOMPARE(a[0][u"end"_s].toInteger(), 40);
        QCOMPARE(a[0][u"notes"_s].toString(), u"user note\nSegments: 11..20,31..40"_s);
        QCOMPARE(a[1][u"start"_s].toInteger(), 100);
        QCOMPARE(a[1][u"end"_s].toInteger(), 400);
        QCOMPARE(a[1][u"notes"_s].toString(), u"Segments: 301..400,101..200"_s);
        QCOMPARE(a[2][u"start"_s].toInteger(), 900);
        QCOMPARE(a[2][u"end"_s].toInteger(), 50);
        QCOMPARE(a[2][u"notes"_s].toString(), u"Segments: 901..950,981..1000,1..50"_s);
        const ApiJsonResult back = fromApiJson(toApiJson(r));
        QVERIFY(back.ok());
        QCOMPARE(back.records.first().features, r.features);
    }

    void translations()
    {
        Record r = plasmid(7000);
        r.features = {
            feature(u"CDS"_s, {span(6990, 7000), span(0, 20)}, u"wrapCds"_s,
                    {{u"translation"_s, u"MKV*"_s, true}}),
            feature(u"CDS"_s, {span(500, 520, Strand::Reverse), span(100, 110, Strand::Reverse)},
                    u"spliced"_s, {{u"transl_table"_s, u"11"_s, true}}),
            feature(u"CDS"_s, {span(1000, 1030)}, u"ciliate"_s,
                    {{u"transl_table"_s, u"27"_s, true}}),
        };
        const QJsonObject o = toApiJson(r);
        QCOMPARE(o[u"annotations"_s].toArray().size(), 3);
        const QJsonArray t = o[u"translations"_s].toArray();
        QCOMPARE(t.size(), 2); // table 27 has no API name
        QCOMPARE(t[0][u"start"_s].toInteger(), 6990);
        QCOMPARE(t[0][u"end"_s].toInteger(), 20);
        QCOMPARE(t[0][u"geneticCode"_s].toString(), u"STANDARD"_s);
        QCOMPARE(t[0][u"aminoAcids"_s].toString(), u"MKV*"_s);
        QCOMPARE(QJsonDocument(t[0][u"regions"_s].toArray()).toJson(QJsonDocument::Compact),
                 QByteArray(R"([{"end":0,"start":6990},{"end":20,"start":0}])"));
        QCOMPARE(t[1][u"strand"_s].toInt(), -1);
        QCOMPARE(t[1][u"geneticCode"_s].toString(), u"BACTERIAL_ARCHAEAL_PLANT_PLASTID"_s);
        // Regions run along the sequence, whatever the strand.
        QCOMPARE(QJsonDocument(t[1][u"regions"_s].toArray()).toJson(QJsonDocument::Compact),
                 QByteArray(R"([{"end":110,"start":100},{"end":520,"start":500}])"));

        const ApiJsonResult back = fromApiJson(o);
        QVERIFY(back.ok());
        // The table-27 CDS came back from its annotation alone, without its genetic code.
        QList<Feature> expected = r.features;
        expected[2].qualifiers.removeLast();
        QCOMPARE(back.records.first().features, expected);

        // A translation without a matching CDS annotation becomes a CDS of its own.
        const ApiJsonResult lone = fromApiJson(json(R"({"bases":"ATGAAATAGCC","translations":[
            {"start":0,"end":9,"strand":1,"name":"orf","aminoAcids":"MK*",
             "geneticCode":"VERTEBRATE_MITOCHONDRIAL"}]})"));
        QVERIFY(lone.ok());
        QCOMPARE(lone.records.first().features,
                 (QList<Feature>{feature(
                     u"CDS"_s, {span(0, 9)}, u"orf"_s,
                     {{u"translation"_s, u"MK*"_s, true}, {u"transl_table"_s, u"2"_s, true}})}));
    }

    void primers()
    {
        Record r = plasmid(100);
        r.sequence.replace(10, 5, "GATTC");
        r.features = {
            feature(u"primer_bind"_s, {span(10, 15, Strand::Reverse)}, u"rev"_s),
            feature(u"primer_bind"_s, {span(90, 100)}, u"tailed"_s,
                    {{u"sequence"_s, u"ggggAAACA"_s, true}, {u"color"_s, u"#00ff00"_s, true}}),
        };
        const QJsonObject o = toApiJson(r);
        QVERIFY(o[u"annotations"_s].toArray().isEmpty());
        const QJsonArray p = o[u"primers"_s].toArray();
        QCOMPARE(p.size(), 2);
        QCOMPARE(p[0][u"bases"_s].toString(), u"GAATC"_s); // reverse complement of the site
        QCOMPARE(p[0][u"strand"_s].toInt(), -1);
        QCOMPARE(p[1][u"bases"_s].toString(), u"ggggAAACA"_s);
        QCOMPARE(p[1][u"end"_s].toInteger(), 0);
        QCOMPARE(p[1][u"color"_s].toString(), u"#00ff00"_s);
        const ApiJsonResult back = fromApiJson(o);
        QVERIFY(back.ok());
        QCOMPARE(back.records.first().features[1], r.features[1]);
        QCOMPARE(back.records.first().features[0].qualifier(u"sequence"_s), u"GAATC"_s);
    }

    // Sites between bases and spans on other records have no API form.
    void droppedSpans()
    {
        Record r = plasmid(100);
        Feature site = feature(u"misc_feature"_s, {span(10, 10)}, u"site"_s);
        site.location.spans[0].kind = Span::Kind::Between;
        Feature remote = feature(u"misc_feature"_s, {span(0, 5), span(20, 30)}, u"remote"_s);
        remote.location.spans[0].remoteAccession = u"J00194.1"_s;
        r.features = {site, remote};
        const QJsonArray a = toApiJson(r)[u"annotations"_s].toArray();
        QCOMPARE(a.size(), 1);
        QCOMPARE(a[0][u"name"_s].toString(), u"remote"_s);
        QCOMPARE(a[0][u"start"_s].toInteger(), 20);
        QCOMPARE(a[0][u"end"_s].toInteger(), 30);
    }

    void protein()
    {
        Record r;
        r.name = u"prot"_s;
        r.kind = MoleculeKind::Protein;
        r.sequence = "MKVLAAGIVG";
        r.features = {feature(u"Region"_s, {span(2, 10, Strand::None)}, u"domain"_s)};
        const QJsonObject o = toApiJson(r);
        QCOMPARE(o[u"aminoAcids"_s].toString(), u"MKVLAAGIVG"_s);
        QVERIFY(!o.contains(u"bases"_s));
        QVERIFY(!o.contains(u"primers"_s));
        QVERIFY(!o.contains(u"isCircular"_s));
        const QJsonObject a = o[u"annotations"_s].toArray().first().toObject();
        QVERIFY(!a.contains(u"strand"_s));
        QCOMPARE(a[u"end"_s].toInteger(), 0);
        const ApiJsonResult back = fromApiJson(o);
        QVERIFY(back.ok());
        QCOMPARE(back.records.first().kind, MoleculeKind::Protein);
        QCOMPARE(back.records.first().features, r.features);
    }

    void colorsAndNotes()
    {
        Record r = plasmid(50);
        Feature ape = feature(u"misc_feature"_s, {span(1, 5, Strand::Reverse)}, u"ape"_s,
                              {{u"ApEinfo_fwdcolor"_s, u"#111111"_s, true},
                               {u"ApEinfo_revcolor"_s, u"#222222"_s, true},
                               {u"note"_s, u"one"_s, true},
                               {u"note"_s, u"two"_s, true}});
        r.features = {ape};
        const QJsonObject a = toApiJson(r)[u"annotations"_s].toArray().first().toObject();
        QCOMPARE(a[u"color"_s].toString(), u"#222222"_s);
        QCOMPARE(a[u"notes"_s].toString(), u"one\ntwo"_s);
        const Feature back = fromApiJson(toApiJson(r)).records.first().features.first();
        QCOMPARE(back.qualifiers, (QList<Qualifier>{{u"label"_s, u"ape"_s, true},
                                                    {u"note"_s, u"one\ntwo"_s, true},
                                                    {u"color"_s, u"#222222"_s, true}}));
    }

    // The SnapGene plasmids through JSON and back: sequence, topology and every feature's type,
    // spans, label and colour survive.
    void snapGeneRoundTrip()
    {
        const QDir dir(testData(u"snapgene"));
        for (const QString &name : dir.entryList({u"*.dna"_s}, QDir::Files)) {
            const SnapGeneResult original = readSnapGeneFile(dir.filePath(name));
            QVERIFY(original.ok());
            const QByteArray text = writeApiJson({original.record});
            const ApiJsonResult back = readApiJson(text);
            QVERIFY2(back.ok(), qPrintable(back.error ? back.error->toString() : QString()));
            const Record &a = original.record;
            const Record &b = back.records.first();
            QCOMPARE(b.sequence, a.sequence);
            QCOMPARE(b.topology, a.topology);
            QCOMPARE(b.name, a.name);
            QCOMPARE(b.features.size(), a.features.size());
            // Primers come after annotations in the JSON, and in these files after features.
            for (qsizetype i = 0; i < a.features.size(); ++i) {
                const Feature &x = a.features[i];
                const Feature &y = b.features[i];
                QCOMPARE(y.type, x.type);
                QCOMPARE(y.location.spans, x.location.spans);
                QCOMPARE(y.displayName(), x.displayName());
                QCOMPARE(y.qualifier(u"color"_s), x.qualifier(u"color"_s));
                QCOMPARE(y.qualifier(u"translation"_s), x.qualifier(u"translation"_s));
            }
        }
    }

    void documents()
    {
        Record a = plasmid(10);
        Record b = plasmid(20, Topology::Linear);
        b.name = u"second"_s;
        const QJsonDocument one = QJsonDocument::fromJson(writeApiJson({a}));
        QVERIFY(one.isObject());
        const QJsonDocument two = QJsonDocument::fromJson(writeApiJson({a, b}));
        QVERIFY(two.isArray());
        const ApiJsonResult read = readApiJson(writeApiJson({a, b}));
        QVERIFY(read.ok());
        QCOMPARE(read.records.size(), 2);
        QCOMPARE(read.records[1].name, u"second"_s);
        QCOMPARE(read.records[1].sequence, b.sequence);
    }

    void geneticCodes()
    {
        QCOMPARE(GeneticCode::apiNameForId(1), u"STANDARD"_s);
        QCOMPARE(GeneticCode::apiNameForId(11), u"BACTERIAL_ARCHAEAL_PLANT_PLASTID"_s);
        QCOMPARE(GeneticCode::apiNameForId(33), u"CEPHALODISCIDAE_MITOCHONDRIAL_UAA_TYR"_s);
        QCOMPARE(GeneticCode::apiNameForId(7), QString());  // withdrawn by NCBI
        QCOMPARE(GeneticCode::apiNameForId(27), QString()); // no name in the API
        int named = 0;
        for (int table = 1; table <= 33; ++table)
            if (const QString name = GeneticCode::apiNameForId(table); !name.isEmpty()) {
                QCOMPARE(GeneticCode::idForApiName(name), table);
                ++named;
            }
        QCOMPARE(named, 22); // the API enum's size
        QCOMPARE(GeneticCode::idForApiName(u"NOPE"_s), 0);
    }

    void badJson_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("error");
        QTest::newRow("missing bases") << QByteArray(R"({"name":"x"})")
                                       << u"missing 'bases' (or 'aminoAcids' for a protein)"_s;
        QTest::newRow("bases not a string")
            << QByteArray(R"({"bases":42})") << u"bases: expected a string"_s;
        QTest::newRow("bad base")
            << QByteArray(R"({"bases":"ACGTJ"})")
            << u"bases: 'J' at position 5 is not a valid nucleotide residue"_s;
        QTest::newRow("bad residue")
            << QByteArray(R"({"aminoAcids":"MK1"})")
            << u"aminoAcids: '1' at position 3 is not a valid protein residue"_s;
        QTest::newRow("start out of range")
            << QByteArray(
                   R"({"bases":"ACGTACGTAC","annotations":[{"start":1,"end":3},{"start":10,"end":3}]})")
            << u"annotations[1].start: 10 is outside the sequence (10 long)"_s;
        QTest::newRow("end out of range")
            << QByteArray(R"({"bases":"ACGTACGTAC","annotations":[{"start":1,"end":11}]})")
            << u"annotations[0].end: 11 is outside the sequence (10 long)"_s;
        QTest::newRow("negative start")
            << QByteArray(R"({"bases":"ACGT","primers":[{"start":-1,"end":2}]})")
            << u"primers[0].start: -1 is outside the sequence (4 long)"_s;
        QTest::newRow("missing end")
            << QByteArray(R"({"bases":"ACGT","annotations":[{"start":1}]})")
            << u"annotations[0].end: missing"_s;
        QTest::newRow("fractional start")
            << QByteArray(R"({"bases":"ACGT","annotations":[{"start":1.5,"end":2}]})")
            << u"annotations[0].start: expected an integer"_s;
        QTest::newRow("bad strand")
            << QByteArray(R"({"bases":"ACGT","annotations":[{"start":1,"end":2,"strand":2}]})")
            << u"annotations[0].strand: 2 is not 1, -1 or 0"_s;
        QTest::newRow("wrap on linear")
            << QByteArray(
                   R"({"bases":"ACGTACGTAC","isCircular":false,"annotations":[{"start":8,"end":2}]})")
            << u"annotations[0]: start 8 is after end 2 but the sequence is not circular"_s;
        QTest::newRow("empty range")
            << QByteArray(R"({"bases":"ACGT","annotations":[{"start":2,"end":2}]})")
            << u"annotations[0]: start and end are both 2: an empty range"_s;
        QTest::newRow("annotations not an array")
            << QByteArray(R"({"bases":"ACGT","annotations":{}})")
            << u"annotations: expected an array"_s;
        QTest::newRow("annotation not an object")
            << QByteArray(R"({"bases":"ACGT","annotations":[3]})")
            << u"annotations[0]: expected an object"_s;
        QTest::newRow("name not a string")
            << QByteArray(R"({"bases":"ACGT","annotations":[{"start":0,"end":2,"name":5}]})")
            << u"annotations[0].name: expected a string"_s;
        QTest::newRow("unknown genetic code")
            << QByteArray(
                   R"({"bases":"ACGTAC","translations":[{"start":0,"end":6,"geneticCode":"MARTIAN"}]})")
            << u"translations[0].geneticCode: unknown genetic code 'MARTIAN'"_s;
        QTest::newRow("region out of range")
            << QByteArray(
                   R"({"bases":"ACGTAC","translations":[{"start":0,"end":6,"regions":[{"start":0,"end":7}]}]})")
            << u"translations[0].regions[0].end: 7 is outside the sequence (6 long)"_s;
        QTest::newRow("isCircular not bool") << QByteArray(R"({"bases":"ACGT","isCircular":"yes"})")
                                             << u"isCircular: expected true or false"_s;
        QTest::newRow("syntax") << QByteArray("{\n\"bases\": \"ACGT\",\n\"name\" \"x\"}")
                                << u"line 3: JSON syntax error: missing name separator"_s;
        QTest::newRow("not a document")
            << QByteArray("42") << u"line 1: JSON syntax error: illegal value"_s;
        QTest::newRow("not a sequence")
            << QByteArray("[[]]") << u"[0]: expected a sequence object"_s;
        QTest::newRow("array of junk")
            << QByteArray(R"([{"bases":"AC"},7])") << u"[1]: expected a sequence object"_s;
        QTest::newRow("array error has index")
            << QByteArray(R"([{"bases":"AC"},{"bases":"AC","annotations":[{"start":5,"end":1}]}])")
            << u"[1].annotations[0].start: 5 is outside the sequence (2 long)"_s;
    }
    void badJson()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, error);
        const ApiJsonResult r = readApiJson(text);
        QVERIFY(!r.ok());
        QVERIFY(r.records.isEmpty());
        QCOMPARE(r.error->toString(), error);
    }
};

QTEST_GUILESS_MAIN(TestApiJson)
#include "tst_bio_apijson.moc"
