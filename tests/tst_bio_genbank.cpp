// GenBank reading and writing on the shared real-world files: what each file holds, round trips,
// NCBI's exact layout, qualifier quoting and wrapping, and an error naming the line for every
// kind of bad file. (Biopython comparisons are in tst_bio_genbank_oracle.cpp.)
#include "bio/GenBank.h"
#include "bio/Gzip.h"

#include "BioTestSupport.h"

#include <QElapsedTimer>
#include <QTest>

using namespace benchtop::bio;
using namespace benchtop::test;
using namespace Qt::StringLiterals;

namespace {

// Lines without trailing blanks, and no blank lines at the end: how files from different tools
// that say the same thing compare.
QByteArray normalised(QByteArray text)
{
    text.replace("\r\n", "\n");
    QList<QByteArray> lines = text.split('\n');
    for (QByteArray &line : lines)
        while (line.endsWith(' '))
            line.chop(1);
    while (!lines.isEmpty() && lines.last().isEmpty())
        lines.removeLast();
    return lines.join('\n');
}

const Feature *findFeature(const Record &record, const QString &type, const QString &qualifier,
                           const QString &value)
{
    for (const Feature &f : record.features)
        if (f.type == type && f.qualifier(qualifier) == value)
            return &f;
    return nullptr;
}

Record readOne(const QString &relative)
{
    const GenBankResult result = readGenBankFile(testData(relative));
    if (!result.ok() || result.records.size() != 1)
        qWarning() << relative << (result.error ? result.error->toString() : u"not one record"_s);
    return result.records.value(0);
}

} // namespace

class TestGenBank : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void readsEveryFile_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("records");
        QTest::addColumn<QString>("name");
        QTest::addColumn<qint64>("length");
        QTest::addColumn<int>("features"); // over all records
        QTest::addColumn<int>("topology");
        // Counts as Biopython 1.80 reports them (tests/data/SOURCES.md); bad_origin_wrap has no
        // sequence (CONTIG only), so its length is 0 here and 7000 on its LOCUS line.
        const int c = int(Topology::Circular), l = int(Topology::Linear),
                  u = int(Topology::Unknown);
        auto row = [](const char *file, int records, const char *name, qint64 length, int features,
                      int topology) {
            QTest::newRow(file) << QString::fromLatin1(file) << records << QString::fromLatin1(name)
                                << length << features << topology;
        };
        row("plasmids/AAV_pGS-ssAAV-ITR128-Amp-empty.gb", 1, "pGS-ssAAV-ITR128", 5010, 6, c);
        row("plasmids/lentiviral_pPRIME_addgene11664.gbk", 1, "Exported", 8596, 34, l);
        row("plasmids/pBAD30.gb", 1, "pBAD30", 4923, 13, c);
        row("plasmids/pBR322_J01749.gb", 1, "SYNPBR322", 4361, 50, c);
        row("plasmids/pEGFP-N1_U55762.gb", 1, "CVU55762", 4733, 4, c);
        row("plasmids/pFA6a-kanMX6_addgene39296.gbk", 1, "pFA6a-kanMX6", 3938, 19, c);
        row("plasmids/pGEX-3X_U13852.gb", 1, "XXU13852", 4952, 12, c);
        row("plasmids/pUC19_M77789.gb", 1, "SYNPUC19V", 2686, 8, c);
        row("plasmids/pUC19_snapgene.gb", 1, "Exported", 2686, 21, c);
        row("tricky/1MRR_A.gp", 1, "1MRR_A", 375, 28, l);
        row("tricky/ApE_example.gb", 1, "New_DNA", 2963, 7, l);
        row("tricky/NC_005816.gb", 1, "NC_005816", 9609, 41, c);
        row("tricky/VectorNTI_example.gb", 1, "F-GFAP-gCaMP\\3-W", 11512, 9, c);
        row("tricky/arab1.gb", 1, "AC007323", 86436, 19, u);
        row("tricky/bad_origin_wrap.gb", 1, "XX_123456", 0, 6, c);
        row("tricky/cor6_6.gb", 6, "ATCOR66M", 513, 38, u);
        row("tricky/gbvrl1_start.seq", 3, "AB000048", 2007, 6, l);
        row("tricky/multi-seq-genbank.gb", 4, "sequence1", 109, 1, u);
        row("tricky/plasmid_origin_spanning.gb", 1, "dummy_circular", 151, 5, c);
        row("tricky/proteinTestSeq1.gp", 1, "NP_003623", 1384, 17, l);
        row("tricky/protein_refseq.gb", 1, "NP_034640", 182, 7, u);
        row("tricky/test_circularity_not_defined.gb", 1, "pDual_Gibson_lin._Backbone", 5508, 14, u);
        row("genomes/Arabidopsis_chloroplast_NC_000932.gb", 1, "NC_000932", 154478, 259, c);
        row("genomes/lambda_NC_001416.gb", 1, "NC_001416", 48502, 285, l);
    }
    void readsEveryFile()
    {
        QFETCH(QString, file);
        QFETCH(int, records);
        QFETCH(QString, name);
        QFETCH(qint64, length);
        QFETCH(int, features);
        QFETCH(int, topology);
        const GenBankResult result = readGenBankFile(testData(file));
        QVERIFY2(result.ok(), errorOf(result).constData());
        QCOMPARE(result.records.size(), records);
        QCOMPARE(result.records[0].name, name);
        QCOMPARE(result.records[0].length(), length);
        QCOMPARE(int(result.records[0].topology), topology);
        int total = 0;
        for (const Record &record : result.records) {
            total += int(record.features.size());
            QVERIFY(!record.sequence.contains(' '));
            QCOMPARE(record.sequence, record.sequence.toUpper());
        }
        QCOMPARE(total, features);
    }

    void roundTrip_data()
    {
        QTest::addColumn<QString>("file");
        for (const QString &file : genbankTestFiles())
            QTest::newRow(qPrintable(file)) << file;
    }
    void roundTrip()
    {
        QFETCH(QString, file);
        const GenBankResult read = readGenBankFile(testData(file));
        QVERIFY(read.ok());
        QList<Record> expected = read.records;
        // GenBank cannot hold a feature without a location ("2812..915" on a linear record
        // is kept as one, see multi-seq-genbank.gb): the writer leaves such features out.
        for (Record &record : expected)
            record.features.removeIf([](const Feature &f) { return f.location.isEmpty(); });
        const QByteArray written = writeGenBank(read.records);
        const GenBankResult back = readGenBank(written);
        QVERIFY2(back.ok(), errorOf(back).constData());
        QCOMPARE(back.records.size(), expected.size());
        for (qsizetype i = 0; i < expected.size(); ++i) {
            QCOMPARE(back.records[i].headerBlocks, expected[i].headerBlocks);
            QCOMPARE(back.records[i].features, expected[i].features);
            QVERIFY(back.records[i] == expected[i]);
        }
        QVERIFY(back.warnings.isEmpty());
        // Writing is stable: the second generation is the same text.
        QCOMPARE(writeGenBank(back.records), written);
    }

    void writesNcbiLayout_data()
    {
        QTest::addColumn<QString>("file");
        // NCBI records (and Vector NTI's, which copies the layout): everything from LOCUS to
        // "//" comes back byte for byte, up to trailing blanks.
        for (const char *file : {"tricky/NC_005816.gb", "genomes/lambda_NC_001416.gb",
                                 "genomes/Arabidopsis_chloroplast_NC_000932.gb",
                                 "plasmids/pUC19_M77789.gb", "plasmids/pEGFP-N1_U55762.gb",
                                 "plasmids/pGEX-3X_U13852.gb", "tricky/VectorNTI_example.gb"})
            QTest::newRow(file) << QString::fromLatin1(file);
    }
    void writesNcbiLayout()
    {
        QFETCH(QString, file);
        const QByteArray original = readFileOrEmpty(testData(file));
        const GenBankResult read = readGenBank(original);
        QVERIFY(read.ok());
        const QList<QByteArray> ours = normalised(writeGenBank(read.records)).split('\n');
        const QList<QByteArray> theirs = normalised(original).split('\n');
        for (qsizetype i = 0; i < std::min(ours.size(), theirs.size()); ++i)
            QVERIFY2(ours[i] == theirs[i],
                     qPrintable(u"line %1:\n ours:   %2\n theirs: %3"_s.arg(i + 1).arg(
                         QString::fromUtf8(ours[i]), QString::fromUtf8(theirs[i]))));
        QCOMPARE(ours.size(), theirs.size());
    }

    void locusLine()
    {
        Record r;
        r.name = u"pTest"_s;
        r.sequence = "ACGT";
        r.moleculeType = u"ds-DNA"_s;
        r.topology = Topology::Circular;
        r.division = u"SYN"_s;
        r.date = u"01-JAN-2024"_s;
        QByteArray text = writeGenBank(r);
        // Columns: name 13, length ends at 40, "bp" 42, "ds-" 45, "DNA" 48, topology 56,
        // division 65, date 69.
        QCOMPARE(
            text.left(text.indexOf('\n')),
            "LOCUS       pTest                      4 bp ds-DNA     circular SYN 01-JAN-2024"_ba);
        r.name = u"a very long name that overflows"_s;
        r.moleculeType.clear();
        r.topology = Topology::Unknown;
        r.division.clear();
        r.date.clear();
        r.kind = MoleculeKind::Protein;
        r.sequence = QByteArray(12345, 'M');
        text = writeGenBank(r);
        // Blank columns are written out: Biopython reads a LOCUS line by its 79 columns.
        QCOMPARE(text.left(text.indexOf('\n')),
                 "LOCUS       a_very_long_name_that_overflows 12345 aa"_ba +
                     QByteArray(79 - 52, ' '));
        const GenBankResult back = readGenBank(text);
        QVERIFY(back.ok());
        QCOMPARE(back.records[0].name, u"a_very_long_name_that_overflows"_s);
        QCOMPARE(back.records[0].kind, MoleculeKind::Protein);
        QCOMPARE(back.records[0].topology, Topology::Unknown);
        QCOMPARE(back.records[0].division, QString());
    }

    void locusVariants()
    {
        // LOCUS lines from the files: no date, no topology, no molecule type, GenPept.
        const Record arab = readOne(u"tricky/arab1.gb"_s);
        QCOMPARE(arab.moleculeType, u"DNA"_s);
        QCOMPARE(arab.division, u"PLN"_s);
        QCOMPARE(arab.date, u"19-JAN-2000"_s);
        const Record pbad = readOne(u"plasmids/pBAD30.gb"_s);
        QCOMPARE(pbad.date, QString());
        QCOMPARE(pbad.division, QString());
        const Record undefined = readOne(u"tricky/test_circularity_not_defined.gb"_s);
        QCOMPARE(undefined.division, u"UNA"_s);
        QCOMPARE(undefined.moleculeType, u"DNA"_s);
        const Record lenti = readOne(u"plasmids/lentiviral_pPRIME_addgene11664.gbk"_s);
        QCOMPARE(lenti.moleculeType, u"ds-DNA"_s);
        QCOMPARE(lenti.kind, MoleculeKind::Dna);
        const GenBankResult cor = readGenBankFile(testData(u"tricky/cor6_6.gb"));
        QCOMPARE(cor.records[0].moleculeType, u"mRNA"_s);
        QCOMPARE(cor.records[0].kind, MoleculeKind::Rna);
    }

    void proteins()
    {
        const Record mrr = readOne(u"tricky/1MRR_A.gp"_s);
        QCOMPARE(mrr.kind, MoleculeKind::Protein);
        QCOMPARE(mrr.sequence.left(10), "AYTTFSATKN"_ba);
        for (const Feature &f : mrr.features)
            for (const Span &s : f.location.spans)
                QCOMPARE(s.strand, Strand::None); // proteins have no strands
        const Feature *site = findFeature(mrr, u"Site"_s, u"note"_s, u"tyrosyl radical"_s);
        QVERIFY(site);
        const Feature *radical =
            findFeature(mrr, u"Site"_s, u"note"_s, u"putative radical transfer pathway"_s);
        QVERIFY(radical);
        QCOMPARE(radical->location.op, Location::Operator::Order);
        QCOMPARE(radical->location.spans.size(), 7);
        const Feature *bond = findFeature(mrr, u"Bond"_s, u"bond_type"_s, u"disulfide"_s);
        QVERIFY(bond);
        QCOMPARE(bond->location.op, Location::Operator::Bond);
        QCOMPARE(bond->location.spans[1].start, 271);
        QVERIFY(writeGenBank(mrr).contains("     Bond            bond(268,272)\n"));
        QVERIFY(writeGenBank(mrr).contains(
            "LOCUS       1MRR_A                   375 aa            linear   BCT 10-OCT-2012\n"));
    }

    void originWrap()
    {
        // The non-standard "6801..100" on a circular 7000 bp record, as Biopython reads it.
        const Record r = readOne(u"tricky/bad_origin_wrap.gb"_s);
        QCOMPARE(r.features.size(), 6);
        const Location &gene = r.features[1].location;
        QCOMPARE(gene.op, Location::Operator::Join);
        QCOMPARE(gene.spans.size(), 2);
        QCOMPARE(gene.spans[0].start, 6800);
        QCOMPARE(gene.spans[0].end, 7000);
        QCOMPARE(gene.spans[1].start, 0);
        QCOMPARE(gene.spans[1].end, 100);
        const Location &last = r.features[5].location;
        QCOMPARE(last.spans.size(), 4);
        QCOMPARE(last.spans[2].strand, Strand::Reverse);
        QCOMPARE(last.spans[2].end, 100);
        QVERIFY(last.spans[3].fuzzyStart);
        const QByteArray text = writeGenBank(r);
        QVERIFY(text.contains("     gene            join(6801..7000,1..100)\n"));
        QVERIFY(text.contains("join(5400..5600,5700..6100,complement(1..100),\n"
                              "                     complement(<6801..7000))\n"));
        // No sequence: no ORIGIN; its CONTIG line stays after the feature table.
        QVERIFY(r.sequence.isEmpty());
        QVERIFY(!text.contains("ORIGIN"));
        QVERIFY(text.indexOf("CONTIG      join(ABCD0123456789.1:1..7000)\n//\n") >
                text.indexOf("FEATURES"));

        const Record spanning = readOne(u"tricky/plasmid_origin_spanning.gb"_s);
        QCOMPARE(spanning.features[4].location.spans.size(), 2);
        QCOMPARE(spanning.features[4].location.spans[0].start, 144);
        QCOMPARE(spanning.features[4].location.spans[1].end, 2);
    }

    void headers()
    {
        const Record pbr = readOne(u"plasmids/pBR322_J01749.gb"_s);
        QCOMPARE(pbr.description, u"Cloning vector pBR322, complete sequence"_s);
        QCOMPARE(pbr.accession, u"J01749"_s);
        QCOMPARE(pbr.version, u"J01749.1"_s);
        QCOMPARE(pbr.headerBlocks[0].first, u"KEYWORDS"_s);
        QCOMPARE(pbr.headerBlocks[0].second,
                 u"ampicillin resistance; beta-lactamase; cloning vector; drug\n"
                 "            resistance protein; origin of replication; plasmid; tetracycline\n"
                 "            resistance."_s);
        QCOMPARE(pbr.headerBlocks[2].first, u"REFERENCE"_s);
        QVERIFY(pbr.headerBlocks[2].second.startsWith(u"1\n  AUTHORS   Sutcliffe,J.G.\n"_s));

        // VERSION with a GI number is kept whole while the version stays the same.
        Record pcp = readOne(u"tricky/NC_005816.gb"_s);
        QCOMPARE(pcp.version, u"NC_005816.1"_s);
        QVERIFY(writeGenBank(pcp).contains("\nVERSION     NC_005816.1  GI:45478711\nDBLINK"));
        pcp.version = u"NC_005816.2"_s;
        QVERIFY(writeGenBank(pcp).contains("\nACCESSION   NC_005816\nVERSION     NC_005816.2\n"));
        QVERIFY(!writeGenBank(pcp).contains("GI:45478711"));

        // "." means empty (SnapGene and ApE write it), and empty is written back as ".".
        const Record ape = readOne(u"tricky/ApE_example.gb"_s);
        QCOMPARE(ape.description, QString());
        const Record plain = readOne(u"tricky/plasmid_origin_spanning.gb"_s);
        QCOMPARE(plain.accession, QString());
        QVERIFY(writeGenBank(plain).contains("\nACCESSION   .\nVERSION     .\n"));
    }

    void qualifiers()
    {
        const QByteArray text =
            "LOCUS       q                         30 bp    DNA     linear   SYN 01-JAN-2024\n"
            "FEATURES             Location/Qualifiers\n"
            "     CDS             join(1..6,\n"
            "                     10..30)\n"
            "                     /note=\"say \"\"hi\"\" twice\"\n"
            "                     /pseudo\n"
            "                     /codon_start=1\n"
            "                     /label=unquoted value\n"
            "                     /translation=\"MKV\n"
            "                     LLA\"\n"
            "                     /note=\"multi\n"
            "                     line  two\"\n"
            "                     /note=\"/not a qualifier\n"
            "                     /still the note\"\n"
            "                     /note=\n"
            "                     /note=\"\"\n"
            "                     /note=\"a \"quote\" inside\"\n"
            "          /note=\"indented too little\"\n"
            "ORIGIN\n"
            "        1 acgtacgtac gtacgtacgt acgtacgtac\n"
            "//\n";
        const GenBankResult result = readGenBank(text);
        QVERIFY2(result.ok(), errorOf(result).constData());
        const Feature &cds = result.records[0].features[0];
        QCOMPARE(cds.location.spans.size(), 2);
        const QList<Qualifier> expected = {
            {u"note"_s, u"say \"hi\" twice"_s, true},
            {u"pseudo"_s, QString(), false},
            {u"codon_start"_s, u"1"_s, true},
            {u"label"_s, u"unquoted value"_s, true},
            {u"translation"_s, u"MKVLLA"_s, true},
            {u"note"_s, u"multi line  two"_s, true},
            {u"note"_s, u"/not a qualifier /still the note"_s, true},
            {u"note"_s, QString(), true},
            {u"note"_s, QString(), true},
            {u"note"_s, u"a \"quote\" inside"_s, true},
            {u"note"_s, u"indented too little"_s, true},
        };
        QCOMPARE(cds.qualifiers, expected);
        // The unescaped quote is kept, and said.
        QCOMPARE(result.warnings.size(), 1);
        QCOMPARE(result.warnings[0].line, 17);
        QCOMPARE(result.records[0].sequence, "ACGTACGTACGTACGTACGTACGTACGTAC"_ba);
    }

    void writesQualifiers()
    {
        Record r;
        r.name = u"w"_s;
        r.sequence = QByteArray(100, 'A');
        Feature f;
        f.type = u"CDS"_s;
        Span s;
        s.start = 0;
        s.end = 99;
        f.location.spans = {s};
        const QString longNote = u"word "_s.repeated(30).trimmed();
        const QString url = u"https://example.org/"_s + u"x"_s.repeated(80);
        f.qualifiers = {{u"codon_start"_s, u"1"_s, true},
                        {u"note"_s, u"say \"hi\""_s, true},
                        {u"note"_s, longNote, true},
                        {u"note"_s, url, true},
                        {u"note"_s, u"two\nlines"_s, true},
                        {u"pseudo"_s, QString(), false},
                        {u"translation"_s, u"M"_s.repeated(130), true}};
        r.features = {f};
        const QByteArray text = writeGenBank(r);
        QVERIFY(text.contains("\n                     /codon_start=1\n"));
        QVERIFY(text.contains("\n                     /note=\"say \"\"hi\"\"\"\n"));
        QVERIFY(text.contains("\n                     /note=\"two lines\"\n"));
        QVERIFY(text.contains("\n                     /pseudo\n"));
        QVERIFY(text.contains(QByteArray("\n                     /translation=\"" +
                                         QByteArray(44, 'M') + '\n' + "                     " +
                                         QByteArray(58, 'M') + '\n' + "                     " +
                                         QByteArray(28, 'M') + "\"\n")));
        for (const QByteArray &line : text.split('\n'))
            QVERIFY2(line.size() <= 79 || line.contains("example.org"), line.constData());
        // The URL is one word: never split (a reader would put a space into it).
        QVERIFY(text.contains(QByteArray("/note=\"" + url.toLatin1() + "\"\n")));
        const GenBankResult back = readGenBank(text);
        QVERIFY(back.ok());
        QList<Qualifier> expected = f.qualifiers;
        expected[4].value = u"two lines"_s;
        QCOMPARE(back.records[0].features[0].qualifiers, expected);
    }

    void multiRecord()
    {
        const GenBankResult cor = readGenBankFile(testData(u"tricky/cor6_6.gb"));
        QVERIFY(cor.ok());
        QStringList names;
        for (const Record &r : cor.records)
            names << r.name;
        QCOMPARE(names, (QStringList{u"ATCOR66M"_s, u"ATKIN2"_s, u"BNAKINI"_s, u"ARU237582"_s,
                                     u"BRRBIF72"_s, u"AF297471"_s}));
        // A release file: the header before the first LOCUS is not a record.
        const GenBankResult release = readGenBankFile(testData(u"tricky/gbvrl1_start.seq"));
        QVERIFY(release.ok());
        QCOMPARE(release.records[2].name, u"AB000050"_s);
        QCOMPARE(release.records[2].length(), 1755);
    }

    void byteOrderMark()
    {
        // Windows editors put one before "LOCUS".
        const GenBankResult result = readGenBank(
            QByteArray("\xEF\xBB\xBF" + readFileOrEmpty(testData(u"plasmids/pUC19_M77789.gb"))));
        QVERIFY2(result.ok(), errorOf(result).constData());
        QCOMPARE(result.records[0].name, u"SYNPUC19V"_s);
    }

    void warnings()
    {
        // Locations that run backwards on a linear record: Biopython drops the location with a
        // warning; we keep the feature, without location, and say so.
        const GenBankResult multi = readGenBankFile(testData(u"tricky/multi-seq-genbank.gb"));
        QVERIFY(multi.ok());
        QCOMPARE(multi.warnings.size(), 1);
        QCOMPARE(multi.warnings[0].line, 8);
        QCOMPARE(multi.warnings[0].message,
                 u"range '2812..915' runs backwards on a sequence that is not circular; the gene "
                 "feature is kept without a location"_s);
        const Feature &gene = multi.records[1].features[0];
        QVERIFY(gene.location.isEmpty());
        QCOMPARE(gene.qualifier(u"gene"_s), u"RFP cassette"_s);
        const GenBankResult lenti =
            readGenBankFile(testData(u"plasmids/lentiviral_pPRIME_addgene11664.gbk"));
        QCOMPARE(lenti.warnings.size(), 1);
        QCOMPARE(lenti.warnings[0].line, 174);
        QVERIFY(readGenBankFile(testData(u"plasmids/pBR322_J01749.gb")).warnings.isEmpty());
    }

    void badInput_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<qint64>("line");
        QTest::addColumn<QString>("message");
        const QByteArray locus = "LOCUS       bad                       10 bp    DNA     linear\n";
        const QByteArray features = "FEATURES             Location/Qualifiers\n";
        const QByteArray origin = "ORIGIN\n        1 acgtacgtac\n//\n";
        QTest::newRow("no_origin_no_end.gb")
            << readFileOrEmpty(testData(u"tricky/no_origin_no_end.gb")) << qint64(14)
            << u"the file ends inside the FEATURES table of record 'AB070938', with no ORIGIN and "
               "no '//' (truncated?)"_s;
        QTest::newRow("unbalanced")
            << locus + features + "     CDS             join(1..5,8..9\n" + origin << qint64(3)
            << u"unbalanced parenthesis in location 'join(1..5,8..9'"_s;
        QTest::newRow("wrapped location, error at its key line")
            << locus + features + "     CDS             join(1..5,\n                     8..0)\n" +
                   origin
            << qint64(3) << u"position 0 (positions start at 1) in location 'join(1..5,8..0)'"_s;
        QTest::newRow("no length") << "LOCUS       bad\n//\n"_ba << qint64(1)
                                   << u"the LOCUS line has no sequence length ('... 5386 bp' or "
                                      "'... 375 aa')"_s;
        QTest::newRow("too short") << locus + "ORIGIN\n        1 acgtacgt\n//\n"
                                   << qint64(4)
                                   << u"record 'bad' has 8 bases after ORIGIN but its LOCUS line "
                                      "says 10"_s;
        QTest::newRow("bad letter") << locus + "ORIGIN\n        1 acgtacg?ac\n//\n"
                                    << qint64(3) << u"unexpected character '?' in the sequence"_s;
        QTest::newRow("unterminated quote")
            << locus + features + "     gene            1..5\n                     /note=\"open\n" +
                   "     CDS             1..5\n" + origin
            << qint64(4) << u"the value of /note has no closing quote"_s;
        QTest::newRow("missing //")
            << locus + "ORIGIN\n        1 acgtacgtac\n" + locus + origin << qint64(4)
            << u"LOCUS line inside record 'bad', which has no '//' end"_s;
        QTest::newRow("text after //") << locus + origin + "garbage\n"
                                       << qint64(5)
                                       << u"expected LOCUS or the end of the file after '//', "
                                          "found 'garbage'"_s;
        QTest::newRow("not GenBank")
            << ">seq1\nACGT\n"_ba << qint64(0) << u"no LOCUS line: this is not a GenBank file"_s;
        QTest::newRow("empty") << QByteArray() << qint64(0)
                               << u"no LOCUS line: this is not a GenBank file"_s;
        QTest::newRow("no location") << locus + features + "     gene\n" + origin << qint64(3)
                                     << u"the gene feature has no location"_s;
        QTest::newRow("qualifier before feature")
            << locus + features + "                     /note=\"x\"\n" + origin << qint64(3)
            << u"feature table line before the first feature key"_s;
        QTest::newRow("text after quote")
            << locus + features + "     gene            1..5\n                     /note=\"x\"\n" +
                   "                     more\n" + origin
            << qint64(5) << u"text after the end of the /note qualifier"_s;
        QTest::newRow("second ACCESSION")
            << locus + "ACCESSION   A1\nACCESSION   A2\n" + origin << qint64(3)
            << u"second ACCESSION line in record 'bad'"_s;
        QTest::newRow("not a keyword") << locus + "garbage here\n" + origin << qint64(2)
                                       << u"'garbage here' is neither a header keyword nor an "
                                          "indented line"_s;
        QTest::newRow("qualifier name with blank")
            << locus + features + "     gene            1..5\n                     /two words\n" +
                   origin
            << qint64(4) << u"invalid qualifier name 'two words'"_s;
        QTest::newRow("truncated sequence") << locus + "ORIGIN\n        1 acgtac"_ba << qint64(3)
                                            << u"the file ends inside the sequence of record "
                                               "'bad' and no '//' (truncated?)"_s;
    }
    void badInput()
    {
        QFETCH(QByteArray, text);
        QFETCH(qint64, line);
        QFETCH(QString, message);
        const GenBankResult result = readGenBank(text);
        QVERIFY(!result.ok());
        QVERIFY(result.records.isEmpty()); // never a partial read
        QCOMPARE(result.error->message, message);
        QCOMPARE(result.error->line, line);
    }

    void gzipGenome()
    {
        QElapsedTimer timer;
        timer.start();
        const GenBankResult result =
            readGenBankFile(testData(u"genomes/Ecoli_MG1655_GCF_000005845.2_genomic.gbff.gz"));
        qInfo("E. coli MG1655 .gbff.gz read in %lld ms", qint64(timer.elapsed()));
        QVERIFY(result.ok());
        QCOMPARE(result.records.size(), 1);
        const Record &ecoli = result.records[0];
        QCOMPARE(ecoli.name, u"NC_000913"_s);
        QCOMPARE(ecoli.length(), 4641652);
        QCOMPARE(ecoli.features.size(), 9261); // Biopython's count, source included
        QCOMPARE(ecoli.topology, Topology::Circular);
        QCOMPARE(ecoli.sequence.left(12), "AGCTTTTCATTC"_ba);
        const Feature *thrL = findFeature(ecoli, u"CDS"_s, u"gene"_s, u"thrL"_s);
        QVERIFY(thrL);
        QCOMPARE(thrL->location.start(), 189);
        QCOMPARE(thrL->location.end(), 255);
        QCOMPARE(thrL->qualifier(u"translation"_s), u"MKRISTTITTTITITTGNGAG"_s);
    }

    void gzipErrors()
    {
        QString error;
        QVERIFY(!gunzip("plain text", &error));
        QCOMPARE(error, u"not gzip data (no 1f 8b magic bytes)"_s);
        const QByteArray gz = readFileOrEmpty(testData(u"fasta/uniprot_1mb_test.fasta.gz"));
        QVERIFY(gunzip(gz).has_value());
        QVERIFY(!gunzip(gz.left(gz.size() / 2), &error));
        QCOMPARE(error, u"gzip data is truncated"_s);
        QByteArray corrupt = gz;
        for (qsizetype i = 100; i < 200; ++i)
            corrupt[i] = char(i);
        QVERIFY(!gunzip(corrupt, &error));
        QVERIFY2(error.startsWith(u"corrupt gzip data"_s), qPrintable(error));
        // Two members, as bgzip and `cat a.gz b.gz` make them.
        const std::optional<QByteArray> one = gunzip(gz);
        const std::optional<QByteArray> two = gunzip(QByteArray(gz + gz));
        QVERIFY(two.has_value());
        QCOMPARE(two->size(), one->size() * 2);
        const GenBankResult missing = readGenBankFile(testData(u"no/such/file.gb"));
        QVERIFY(!missing.ok());
        QVERIFY(missing.error->message.startsWith(u"cannot open"_s));
    }
};

QTEST_GUILESS_MAIN(TestGenBank)
#include "tst_bio_genbank.moc"
