#include "bio/GenBank.h"
#include "bio/SnapGene.h"

#include "BioTestSupport.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace benchtop::bio;
using namespace benchtop::test;
using namespace Qt::StringLiterals;

namespace {

QByteArray packet(quint8 type, const QByteArray &payload)
{
    QByteArray out(1, static_cast<char>(type));
    const auto n = static_cast<quint32>(payload.size());
    for (int shift = 24; shift >= 0; shift -= 8)
        out += static_cast<char>((n >> shift) & 0xff);
    return out + payload;
}

const QByteArray kCookie = packet(9, QByteArray("SnapGene\x00\x01\x00\x0f\x00\x13", 14));

QByteArray file(const QByteArray &bases, bool circular, const QByteArray &featuresXml = {},
                const QByteArray &primersXml = {})
{
    QByteArray out = kCookie + packet(0, (circular ? "\x03" : "\x02") + bases);
    if (!featuresXml.isEmpty())
        out += packet(10, featuresXml);
    if (!primersXml.isEmpty())
        out += packet(5, primersXml);
    return out + packet(6, "<Notes><Type>Natural</Type></Notes>");
}

QList<std::tuple<qint64, qint64, Strand>> spans(const Feature &feature)
{
    QList<std::tuple<qint64, qint64, Strand>> out;
    for (const Span &span : feature.location.spans)
        out.append({span.start, span.end, span.strand});
    return out;
}

// Biopython's qualifier values, as we clean them (see the comments at the call).
QString cleaned(const QString &name, QString value)
{
    value.replace(u"&nbsp;"_s, u" "_s);
    if (name == u"translation")
        value.remove(u',');
    return value.trimmed();
}

} // namespace

class TestSnapGene : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // Found by fuzz_snapgene: a feature qualifier named "=ranslation" in the XML came out of the
    // GenBank writer as "/=ranslation=...", which no reader can read back.
    void importedFileIsExportable()
    {
        const SnapGeneResult imported =
            readSnapGeneFile(testData(u"regressions/snapgene_qualifier_name_with_equals.dna"));
        QVERIFY2(imported.ok(), errorOf(imported).constData());
        const GenBankResult exported = readGenBank(writeGenBank(imported.record));
        QVERIFY2(exported.ok(), errorOf(exported).constData());
        // GenBank readers upper-case the letters; SnapGene keeps the file's case.
        QCOMPARE(exported.records.first().sequence, imported.record.sequence.toUpper());
        QCOMPARE(exported.records.first().features.size(), imported.record.features.size());
    }

    // Every SnapGene file of the shared data set against Biopython's SeqIO.read(path, "snapgene").
    void matchesBiopython()
    {
        QStringList files;
        const QDir dir(testData(u"snapgene"));
        for (const QString &name : dir.entryList({u"*.dna"_s}, QDir::Files, QDir::Name))
            files << dir.filePath(name);
        QCOMPARE(files.size(), 6);
        QJsonDocument document;
        const QString error = runPythonOracle(u"snapgene_records.py", files, &document);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(document.isObject());
        const QJsonObject oracle = document.object();
        for (const QString &path : std::as_const(files)) {
            const SnapGeneResult ours = readSnapGeneFile(path);
            QVERIFY2(ours.ok(), qPrintable(path + u": "_s + QString::fromUtf8(errorOf(ours))));
            const QJsonObject theirs = oracle.value(path).toObject();
            QCOMPARE(QString::fromLatin1(ours.record.sequence), theirs.value(u"seq").toString());
            QCOMPARE(ours.record.topology, theirs.value(u"topology").toString() == u"circular"
                                               ? Topology::Circular
                                               : Topology::Linear);
            // Biopython lists each primer binding site twice: SnapGene stores every site again
            // with simplified="1", and Biopython does not skip those. We keep one of each.
            QJsonArray expected;
            for (const QJsonValue &value : theirs.value(u"features").toArray())
                if (expected.isEmpty() ||
                    value.toObject().value(u"type").toString() != u"primer_bind" ||
                    value != expected.last())
                    expected.append(value);
            QCOMPARE(ours.record.features.size(), expected.size());
            for (qsizetype i = 0; i < expected.size(); ++i) {
                compareFeature(ours.record.features.at(i), expected.at(i).toObject(), path);
                if (QTest::currentTestFailed())
                    return;
            }
        }
    }

    void pDONR221()
    {
        const SnapGeneResult r = readSnapGeneFile(testData(u"snapgene/pDONR221.dna"));
        QVERIFY(r.ok());
        const Record &record = r.record;
        QCOMPARE(record.name, u"pDONR221"_s);
        QCOMPARE(record.length(), 4761);
        QCOMPARE(record.topology, Topology::Circular);
        QCOMPARE(record.moleculeType, u"ds-DNA"_s);
        QCOMPARE(record.kind, MoleculeKind::Dna);
        QCOMPARE(record.division, u"SYN"_s);
        QCOMPARE(record.date, u"24-OCT-2017"_s);
        QCOMPARE(
            record.description,
            u"Gateway® donor vector with attP1 and attP2 sites and a kanamycin resistance marker."_s);
        const Feature &kanR = record.features.at(0);
        QCOMPARE(kanR.type, u"CDS"_s);
        QCOMPARE(kanR.displayName(), u"KanR"_s);
        QCOMPARE(spans(kanR),
                 (QList<std::tuple<qint64, qint64, Strand>>{{3154, 3964, Strand::Forward}}));
        QCOMPARE(kanR.qualifier(u"color"_s), u"#ccffcc"_s);
        QCOMPARE(kanR.qualifier(u"gene"_s), u"aph(3')-Ia"_s); // <i>...</i> removed
        QCOMPARE(kanR.qualifier(u"codon_start"_s), u"1"_s);
        const Feature &cmR = record.features.at(1);
        QCOMPARE(spans(cmR),
                 (QList<std::tuple<qint64, qint64, Strand>>{{1851, 2505, Strand::Reverse}}));
    }

    void segmentsAndStrands()
    {
        const SnapGeneResult r = readSnapGeneFile(testData(u"snapgene/pcDNA-DEST53.dna"));
        QVERIFY(r.ok());
        // AmpR: two segments on the reverse strand, listed 5'->3' on that strand.
        const Feature &ampR = r.record.features.at(0);
        QCOMPARE(ampR.displayName(), u"AmpR"_s);
        QCOMPARE(ampR.location.op, Location::Operator::Join);
        QCOMPARE(spans(ampR), (QList<std::tuple<qint64, qint64, Strand>>{
                                  {7562, 7631, Strand::Reverse}, {6770, 7562, Strand::Reverse}}));
        QVERIFY(ampR.qualifier(u"translation"_s).startsWith(u"MSIQHFRVALIPFFAAFCLPVFAHPETLV"_s));

        const SnapGeneResult sample = readSnapGeneFile(testData(u"snapgene/sample-d.dna"));
        QVERIFY(sample.ok());
        const QList<Feature> &f = sample.record.features;
        QCOMPARE(sample.record.topology, Topology::Linear);
        QCOMPARE(sample.record.moleculeType, u"ds-DNA"_s);
        QCOMPARE(sample.record.description, u"Sample Sequence D"_s);
        QCOMPARE(sample.record.date, u"07-JUL-2021"_s);
        QCOMPARE(f.at(0).location.strand(), Strand::None); // no directionality
        QCOMPARE(f.at(1).location.strand(), Strand::Forward);
        QCOMPARE(f.at(2).qualifiers,
                 (QList<Qualifier>{{u"label"_s, u"FeatureC"_s, true},
                                   {u"note"_s, u"Sample feature C, with explicit label"_s, true},
                                   {u"note"_s, u"Another note for sample feature C"_s, true},
                                   {u"color"_s, u"#a6acb3"_s, true}}));
        QCOMPARE(f.at(3).qualifier(u"label"_s), u"SampleFeatureD"_s);
        QCOMPARE(f.at(3).qualifier(u"name"_s), u"FeatureD"_s);
    }

    void primers()
    {
        const SnapGeneResult r =
            readSnapGeneFile(testData(u"snapgene/linebreak_in_qualifier_text.dna"));
        QVERIFY(r.ok());
        const QList<Feature> &f = r.record.features;
        QCOMPARE(f.size(), 4);
        QCOMPARE(f.at(0).qualifier(u"note"_s), u"Origin of transference region of RP4 plasmid"_s);
        QCOMPARE(f.at(1).type, u"primer_bind"_s);
        QCOMPARE(f.at(1).qualifiers,
                 (QList<Qualifier>{
                     {u"label"_s, u"AC4_Fragment.REV"_s, true},
                     {u"sequence"_s, u"taattattggggacccctggTATAAACGCAGAAAGGCCCaccc"_s, true}}));
        QCOMPARE(spans(f.at(1)),
                 (QList<std::tuple<qint64, qint64, Strand>>{{152, 162, Strand::Forward}}));
        QCOMPARE(f.at(2).qualifier(u"label"_s), u"P.SEVA.AbR.R"_s);
        QCOMPARE(f.at(2).qualifier(u"note"_s), u"05/09/2017,Alex Primers 1,37"_s);
        QCOMPARE(spans(f.at(2)),
                 (QList<std::tuple<qint64, qint64, Strand>>{{19, 40, Strand::Reverse}}));
    }

    void originWrap()
    {
        const QByteArray bases(100, 'A');
        const QByteArray xml =
            "<Features><Feature name=\"fwd\" directionality=\"1\" type=\"misc_feature\">"
            "<Segment range=\"91-10\" color=\"#ff0000\"/></Feature>"
            "<Feature name=\"rev\" directionality=\"2\" type=\"CDS\">"
            "<Segment range=\"81-95\"/><Segment range=\"96-100\" type=\"gap\"/>"
            "<Segment range=\"98-5\"/></Feature></Features>";
        const QByteArray primers =
            "<Primers><Primer name=\"p\" sequence=\"ACGT\"><BindingSite location=\"99-2\" "
            "boundStrand=\"1\"/></Primer></Primers>";
        const SnapGeneResult r = readSnapGene(file(bases, true, xml, primers));
        QVERIFY2(r.ok(), qPrintable(r.error ? r.error->toString() : QString()));
        QCOMPARE(r.record.features.size(), 3);
        QCOMPARE(spans(r.record.features[0]),
                 (QList<std::tuple<qint64, qint64, Strand>>{{90, 100, Strand::Forward},
                                                            {0, 10, Strand::Forward}}));
        QCOMPARE(spans(r.record.features[1]),
                 (QList<std::tuple<qint64, qint64, Strand>>{{0, 5, Strand::Reverse},
                                                            {97, 100, Strand::Reverse},
                                                            {80, 95, Strand::Reverse}}));
        QCOMPARE(spans(r.record.features[2]),
                 (QList<std::tuple<qint64, qint64, Strand>>{{0, 2, Strand::Reverse},
                                                            {98, 100, Strand::Reverse}}));
        QCOMPARE(r.record.features[0].qualifier(u"color"_s), u"#ff0000"_s);
    }

    void badInput_data()
    {
        QTest::addColumn<QByteArray>("data");
        QTest::addColumn<QString>("message");
        QFile real(testData(u"snapgene/pDONR221.dna"));
        QVERIFY(real.open(QIODevice::ReadOnly));
        const QByteArray pDONR = real.readAll();
        const QByteArray seq = packet(0, "\x02"
                                         "ACGTACGTAC");
        QTest::newRow("empty") << QByteArray() << u"byte 0: empty file: not a SnapGene file"_s;
        QTest::newRow("fasta")
            << QByteArray(">x\nACGT\n")
            << u"byte 0: not a SnapGene file: it does not start with the SnapGene cookie packet"_s;
        QTest::newRow("bad cookie")
            << packet(9, "SnapGenX\0\1\0\1\0\1") << u"byte 0: not a SnapGene file: bad cookie"_s;
        QTest::newRow("truncated payload")
            << pDONR.first(1000)
            << u"byte 19: sequence packet declares 4762 bytes but only 976 remain (file truncated?)"_s;
        QTest::newRow("truncated header") << QByteArray(kCookie + seq + QByteArray("\x0a\x00", 2))
                                          << u"byte 35: truncated packet header (2 of 5 bytes)"_s;
        QTest::newRow("no sequence") << QByteArray(kCookie + packet(6, "<Notes/>"))
                                     << u"byte 32: no DNA sequence packet (type 0) in the file"_s;
        QTest::newRow("two sequences")
            << QByteArray(kCookie + seq + seq) << u"byte 35: more than one sequence packet"_s;
        QTest::newRow("bad base") << QByteArray(kCookie + packet(0, "\x02"
                                                                    "ACGJ"))
                                  << u"byte 28: sequence packet: invalid base 0x4a at position 4"_s;
        QTest::newRow("broken xml")
            << QByteArray(kCookie + seq +
                          packet(10, "<Features><Feature name=\"a\"><Segment range=\"1-2\"/>"))
            << u"byte 40: features packet: XML error at line 1, column 50: Premature end of document."_s;
        QTest::newRow("range outside")
            << QByteArray(kCookie + seq +
                          packet(10, "<Features><Feature name=\"a\"><Segment "
                                     "range=\"5-11\"/></Feature></Features>"))
            << u"byte 40: features packet: feature 'a' range '5-11' is outside the sequence (10 bp)"_s;
        QTest::newRow("bad range")
            << QByteArray(kCookie + seq +
                          packet(10, "<Features><Feature name=\"a\"><Segment "
                                     "range=\"x-2\"/></Feature></Features>"))
            << u"byte 40: features packet: feature 'a' has an invalid range 'x-2'"_s;
        QTest::newRow("no segments")
            << QByteArray(kCookie + seq + packet(10, "<Features><Feature name=\"a\"/></Features>"))
            << u"byte 40: features packet: feature 'a' has no segments"_s;
        QTest::newRow("primer without site location")
            << QByteArray(
                   kCookie + seq +
                   packet(5, "<Primers><Primer name=\"p\"><BindingSite/></Primer></Primers>"))
            << u"byte 40: primers packet: primer 'p' has a binding site without a location"_s;
    }
    void badInput()
    {
        QFETCH(QByteArray, data);
        QFETCH(QString, message);
        const SnapGeneResult r = readSnapGene(data);
        QVERIFY(!r.ok());
        QCOMPARE(r.error->line, 0);
        QCOMPARE(r.error->message, message);
        QCOMPARE(r.record, Record());
    }

    // Every prefix of a real file is either rejected with an error or (at packet boundaries after
    // the sequence) read; none crashes.
    void everyTruncation()
    {
        QFile real(testData(u"snapgene/sample-d.dna"));
        QVERIFY(real.open(QIODevice::ReadOnly));
        const QByteArray data = real.readAll();
        int accepted = 0;
        for (qsizetype n = 0; n < data.size(); ++n) {
            const SnapGeneResult r = readSnapGene(data.first(n));
            QVERIFY(r.ok() || r.error->message.startsWith(u"byte "_s));
            accepted += r.ok();
        }
        // The prefixes that end at a packet boundary after the sequence packet: 10 of them.
        QCOMPARE(accepted, 10);
    }

private:
    static void compareFeature(const Feature &ours, const QJsonObject &theirs, const QString &path)
    {
        const QString where = u"%1: %2"_s.arg(path, ours.displayName());
        QCOMPARE(ours.type, theirs.value(u"type").toString());
        const QJsonArray parts = theirs.value(u"parts").toArray();
        QCOMPARE(ours.location.spans.size(), parts.size());
        for (qsizetype i = 0; i < parts.size(); ++i) {
            const QJsonArray part = parts.at(i).toArray();
            const Span &span = ours.location.spans.at(i);
            QCOMPARE(span.start, part.at(0).toInteger());
            QCOMPARE(span.end, part.at(1).toInteger());
            // Biopython gives +1 to features SnapGene marks as having no direction; we keep
            // Strand::None (the API's strand 0).
            const int strand = part.at(2).toInt();
            if (span.strand == Strand::None)
                QVERIFY2(strand == 1, qPrintable(where));
            else
                QCOMPARE(static_cast<int>(span.strand), strand);
        }
        const QJsonObject qualifiers = theirs.value(u"qualifiers").toObject();
        QStringList ourNames;
        for (const Qualifier &q : ours.qualifiers)
            ourNames << q.name;
        for (auto it = qualifiers.begin(); it != qualifiers.end(); ++it) {
            // Biopython's "parts" qualifier names SnapGene's sub-segments; we do not invent it.
            if (it.key() == u"parts")
                continue;
            QStringList expected;
            for (const QJsonValue &value : it.value().toArray()) {
                // Differences: Biopython leaves "&nbsp;" and surrounding line breaks in HTML
                // values, keeps empty values and the commas SnapGene puts in /translation between
                // segments; we decode, trim, drop empties and remove those commas.
                const QString v = cleaned(it.key(), value.toString());
                if (!v.isEmpty())
                    expected << v;
            }
            QStringList actual;
            for (const Qualifier &q : ours.qualifiers)
                if (q.name == it.key())
                    actual << q.value;
            QVERIFY2(actual == expected,
                     qPrintable(u"%1 /%2: %3 vs %4"_s.arg(where, it.key(), actual.join(u'|'),
                                                          expected.join(u'|'))));
            ourNames.removeAll(it.key());
        }
        // What we add beyond Biopython: the colour, and a primer's sequence and description.
        for (const QString &extra : std::as_const(ourNames))
            QVERIFY2(extra == u"color" || (ours.type == u"primer_bind" &&
                                           (extra == u"sequence" || extra == u"note")),
                     qPrintable(where + u": unexpected /"_s + extra));
    }
};

QTEST_GUILESS_MAIN(TestSnapGene)
#include "tst_bio_snapgene.moc"
