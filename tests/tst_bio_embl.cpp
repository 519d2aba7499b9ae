// EMBL reading: the Biopython-made EMBL copies of two GenBank files (tests/data/embl) read into
// the same Record as the GenBank originals, agree with Biopython's own EMBL parse, and bad
// files give errors naming the line.
#include "bio/Embl.h"
#include "bio/GenBank.h"

#include "BioTestSupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace benchtop::bio;
using namespace benchtop::test;
using namespace Qt::StringLiterals;

namespace {

const QByteArray kSmall = "ID   X56734; SV 1; linear; mRNA; STD; PLN; 20 BP.\n"
                          "XX\n"
                          "AC   X56734; S46826;\n"
                          "XX\n"
                          "DT   12-SEP-1991 (Rel. 29, Created)\n"
                          "DT   25-NOV-2005 (Rel. 85, Last updated, Version 11)\n"
                          "XX\n"
                          "DE   Trifolium repens mRNA for non-cyanogenic\n"
                          "DE   beta-glucosidase\n"
                          "XX\n"
                          "KW   beta-glucosidase.\n"
                          "XX\n"
                          "OS   Trifolium repens (white clover)\n"
                          "OC   Eukaryota; Viridiplantae.\n"
                          "XX\n"
                          "FH   Key             Location/Qualifiers\n"
                          "FH\n"
                          "FT   source          1..20\n"
                          "FT                   /organism=\"Trifolium repens\"\n"
                          "FT   CDS             complement(join(2..5,\n"
                          "FT                   10..>20))\n"
                          "FT                   /note=\"a \"\"quoted\"\"\n"
                          "FT                   note\"\n"
                          "XX\n"
                          "SQ   Sequence 20 BP; 5 A; 5 C; 5 G; 5 T; 0 other;\n"
                          "     acgtacgtac gtacgtacgt                                              "
                          "       20\n"
                          "//\n";

} // namespace

class TestEmbl : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void matchesGenBank_data()
    {
        QTest::addColumn<QString>("embl");
        QTest::addColumn<QString>("genbank");
        QTest::newRow("pBR322") << u"embl/pBR322_J01749.embl"_s << u"plasmids/pBR322_J01749.gb"_s;
        QTest::newRow("pPCP1") << u"embl/NC_005816.embl"_s << u"tricky/NC_005816.gb"_s;
    }
    void matchesGenBank()
    {
        QFETCH(QString, embl);
        QFETCH(QString, genbank);
        const GenBankResult e = readEmblFile(testData(embl));
        QVERIFY2(e.ok(), errorOf(e).constData());
        const GenBankResult g = readGenBankFile(testData(genbank));
        QVERIFY(g.ok());
        QCOMPARE(e.records.size(), 1);
        const Record &a = e.records[0];
        const Record &b = g.records[0];
        // The EMBL ID is the accession; GenBank's LOCUS name may differ (SYNPBR322).
        QCOMPARE(a.name, b.accession);
        QCOMPARE(a.accession, b.accession);
        QCOMPARE(a.version, b.version);
        QCOMPARE(a.description, b.description);
        QCOMPARE(a.moleculeType, b.moleculeType);
        QCOMPARE(a.kind, b.kind);
        QCOMPARE(a.topology, b.topology);
        QCOMPARE(a.division, b.division);
        QCOMPARE(a.sequence, b.sequence);
        QCOMPARE(a.features.size(), b.features.size());
        for (qsizetype i = 0; i < a.features.size(); ++i)
            QCOMPARE(a.features[i], b.features[i]);
        // OS/OC and the references become the same GenBank blocks, up to line breaks.
        auto blocks = [](const Record &r, const QString &key) {
            QStringList out;
            for (const auto &[k, v] : r.headerBlocks)
                if (k == key)
                    out << v.simplified();
            return out;
        };
        QCOMPARE(blocks(a, u"SOURCE"_s), blocks(b, u"SOURCE"_s));
        QStringList references = blocks(b, u"REFERENCE"_s);
        // Biopython's EMBL writer leaves out GenBank's REMARK (it would be an RC line).
        for (QString &reference : references)
            reference = reference.section(u" REMARK "_s, 0, 0);
        QCOMPARE(blocks(a, u"REFERENCE"_s), references);
        // And it writes as GenBank that reads back the same.
        const GenBankResult back = readGenBank(writeGenBank(a));
        QVERIFY2(back.ok(), errorOf(back).constData());
        QVERIFY(back.records[0] == a);
    }

    void matchesBiopython()
    {
        const QStringList files = {testData(u"embl/pBR322_J01749.embl"),
                                   testData(u"embl/NC_005816.embl")};
        QJsonDocument document;
        const QString error = runPythonOracle(
            u"genbank_features.py", QStringList{u"--format"_s, u"embl"_s} + files, &document);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const QJsonObject bio = document.object();
        for (const QString &file : files) {
            const Record ours = readEmblFile(file).records.value(0);
            const QJsonObject b = bio[file].toArray().at(0).toObject();
            QCOMPARE(ours.name, b[u"name"].toString());
            QCOMPARE(ours.sequence, b[u"sequence"].toString().toLatin1());
            QCOMPARE(ours.moleculeType, b[u"molecule_type"].toString());
            const QJsonArray features = b[u"features"].toArray();
            QCOMPARE(ours.features.size(), features.size());
            for (qsizetype i = 0; i < features.size(); ++i) {
                const Feature &f = ours.features[i];
                const QJsonObject bf = features[i].toObject();
                QCOMPARE(f.type, bf[u"type"].toString());
                const QJsonArray spans = bf[u"location"].toArray();
                QCOMPARE(f.location.spans.size(), spans.size());
                for (qsizetype s = 0; s < spans.size(); ++s) {
                    QCOMPARE(f.location.spans[s].start, spans[s][0].toInteger());
                    QCOMPARE(f.location.spans[s].end, spans[s][1].toInteger());
                    QCOMPARE(int(f.location.spans[s].strand), spans[s][2].toInt());
                }
                // All qualifiers here have values, so the flat lists compare in order when
                // grouped by name as Biopython groups them.
                QMap<QString, QStringList> ourQ, bioQ;
                for (const Qualifier &q : f.qualifiers)
                    ourQ[q.name] << q.value;
                for (const QJsonValue &q : bf[u"qualifiers"].toArray())
                    bioQ[q[0].toString()] << q[1].toString();
                QCOMPARE(ourQ, bioQ);
            }
        }
    }

    void smallRecord()
    {
        const GenBankResult result = readEmbl(kSmall);
        QVERIFY2(result.ok(), errorOf(result).constData());
        const Record &r = result.records[0];
        QCOMPARE(r.name, u"X56734"_s);
        QCOMPARE(r.accession, u"X56734"_s);
        QCOMPARE(r.version, u"X56734.1"_s);
        QCOMPARE(r.date, u"25-NOV-2005"_s);
        QCOMPARE(r.description, u"Trifolium repens mRNA for non-cyanogenic beta-glucosidase"_s);
        QCOMPARE(r.moleculeType, u"mRNA"_s);
        QCOMPARE(r.kind, MoleculeKind::Rna);
        QCOMPARE(r.topology, Topology::Linear);
        QCOMPARE(r.division, u"PLN"_s);
        QCOMPARE(r.sequence, "ACGTACGTACGTACGTACGT"_ba);
        QCOMPARE(r.features.size(), 2);
        const Feature &cds = r.features[1];
        QCOMPARE(cds.qualifier(u"note"_s), u"a \"quoted\" note"_s);
        QCOMPARE(cds.location.spans.size(), 2);
        QCOMPARE(cds.location.spans[0].start, 9);
        QVERIFY(cds.location.spans[0].fuzzyEnd);
        QCOMPARE(cds.location.spans[1].strand, Strand::Reverse);
        QCOMPARE(
            r.headerBlocks,
            (QList<std::pair<QString, QString>>{
                {u"KEYWORDS"_s, u"beta-glucosidase."_s},
                {u"SOURCE"_s, u"Trifolium repens (white clover)\n  ORGANISM  Trifolium "
                              "repens (white clover)\n            Eukaryota; Viridiplantae."_s}}));
    }

    void references()
    {
        QByteArray text = kSmall;
        text.replace("FH   Key", "RN   [1]\nRP   1-20\nRX   PUBMED; 123.\nRG   Consortium X\n"
                                 "RA   Doe,J.;\nRT   \"A title\";\nRL   J. Test 1:1-2(2000).\n"
                                 "RC   a remark\nXX\nFH   Key");
        const GenBankResult result = readEmbl(text);
        QVERIFY2(result.ok(), errorOf(result).constData());
        QCOMPARE(result.records[0].headerBlocks[2].first, u"REFERENCE"_s);
        QCOMPARE(result.records[0].headerBlocks[2].second,
                 u"1  (bases 1 to 20)\n  AUTHORS   Doe,J.\n  CONSRTM   Consortium X\n"
                 "  TITLE     A title\n  JOURNAL   J. Test 1:1-2(2000).\n   PUBMED   123\n"
                 "  REMARK    a remark"_s);
    }

    void enaMoleculeTypes()
    {
        // ENA's ID line carries /mol_type; the LOCUS line only has its last word.
        QByteArray text = kSmall;
        text.replace("linear; mRNA;", "linear; genomic DNA;");
        QCOMPARE(readEmbl(text).records.value(0).moleculeType, u"DNA"_s);
        text.replace("genomic DNA;", "viral cRNA;");
        QCOMPARE(readEmbl(text).records.value(0).moleculeType, u"cRNA"_s);
        QCOMPARE(readEmbl(text).records.value(0).kind, MoleculeKind::Rna);
    }

    void oldIdLine()
    {
        QByteArray text = kSmall;
        text.replace("ID   X56734; SV 1; linear; mRNA; STD; PLN; 20 BP.",
                     "ID   TRBG361    standard; circular DNA; SYN; 20 BP.");
        const GenBankResult result = readEmbl(text);
        QVERIFY2(result.ok(), errorOf(result).constData());
        QCOMPARE(result.records[0].name, u"TRBG361"_s);
        QCOMPARE(result.records[0].topology, Topology::Circular);
        QCOMPARE(result.records[0].moleculeType, u"DNA"_s);
        QCOMPARE(result.records[0].division, u"SYN"_s);
        QCOMPARE(result.records[0].version, QString());
    }

    void badInput_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<qint64>("line");
        QTest::addColumn<QString>("message");
        QByteArray truncated = kSmall;
        truncated.chop(3);
        QTest::newRow("no //") << truncated << qint64(26)
                               << u"the file ends inside record 'X56734' with no '//' "
                                  "(truncated?)"_s;
        QByteArray noLength = kSmall;
        noLength.replace("PLN; 20 BP.", "PLN;");
        QTest::newRow("no length")
            << noLength << qint64(1) << u"the ID line has no sequence length ('...; 1859 BP.')"_s;
        QByteArray shorter = kSmall;
        shorter.replace("gtacgtacgt   ", "gtacgtac     ");
        QTest::newRow("short sequence") << shorter << qint64(27)
                                        << u"record 'X56734' has 18 letters after SQ but its ID "
                                           "line says 20"_s;
        QByteArray badLocation = kSmall;
        badLocation.replace("FT   source          1..20", "FT   source          1..20)");
        QTest::newRow("bad location")
            << badLocation << qint64(18) << u"unbalanced parenthesis in location '1..20)'"_s;
        QTest::newRow("after //")
            << kSmall + "junk\n"
            << qint64(28) << u"expected ID or the end of the file after '//', found 'junk'"_s;
        QTest::newRow("GenBank") << "LOCUS       x   4 bp\n//\n"_ba << qint64(0)
                                 << u"no ID line: this is not an EMBL file"_s;
    }
    void badInput()
    {
        QFETCH(QByteArray, text);
        QFETCH(qint64, line);
        QFETCH(QString, message);
        const GenBankResult result = readEmbl(text);
        QVERIFY(!result.ok());
        QVERIFY(result.records.isEmpty());
        QCOMPARE(result.error->message, message);
        QCOMPARE(result.error->line, line);
    }
};

QTEST_GUILESS_MAIN(TestEmbl)
#include "tst_bio_embl.moc"
