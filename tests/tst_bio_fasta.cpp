#include "bio/Fasta.h"

#include "BioTestSupport.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace benchtop::bio;
using namespace benchtop::test;
using namespace Qt::StringLiterals;

namespace {

FastaResult parse(const char *text, std::optional<MoleculeKind> kind = std::nullopt)
{
    return readFasta(QByteArrayView(text), kind);
}

} // namespace

class TestFasta : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // Every FASTA file of the shared data set, against Biopython's SeqIO.parse(..., "fasta"):
    // the same records with the same ids, descriptions and sequences.
    void matchesBiopython()
    {
        QStringList files;
        const QDir dir(testData(u"fasta"));
        for (const QString &name : dir.entryList(QDir::Files, QDir::Name))
            files << dir.filePath(name);
        files << testData(u"features/genolib_features.fasta");
        QCOMPARE(files.size(), 10);
        QJsonDocument document;
        const QString error = runPythonOracle(u"fasta_records.py", files, &document);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(document.isObject());
        const QJsonObject oracle = document.object();
        for (const QString &file : std::as_const(files)) {
            const FastaResult ours = readFastaFile(file);
            QVERIFY2(ours.ok(), qPrintable(file + u": "_s + QString::fromUtf8(errorOf(ours))));
            const QJsonArray expected = oracle.value(file).toArray();
            QCOMPARE(ours.records.size(), expected.size());
            for (qsizetype i = 0; i < expected.size(); ++i) {
                const QJsonObject theirs = expected.at(i).toObject();
                const Record &record = ours.records.at(i);
                const QString id = theirs.value(u"id").toString();
                QCOMPARE(record.name, id);
                // Biopython's description is the whole title line; ours is what follows the id.
                const QString title = theirs.value(u"description").toString();
                QVERIFY(title.startsWith(id));
                QCOMPARE(record.description, title.mid(id.size()).trimmed());
                QString expectedSequence = theirs.value(u"seq").toString();
                // Biopython 1.80 skips ';' comment lines only before the first record; inside a
                // record it takes them for sequence (less the spaces). This file has one such
                // comment, after this record; we skip it.
                if (file.endsWith(u"uniprot_1mb_test.fasta.gz") && id == u"sp|P19926|AGP_ECOLI") {
                    QVERIFY(expectedSequence.endsWith(u";Thisisamanuallyaddedcomment"_s));
                    expectedSequence.chop(28);
                }
                QCOMPARE(QString::fromLatin1(record.sequence), expectedSequence);
            }
        }
    }

    void knownCountsAndKinds()
    {
        const FastaResult uniprot = readFastaFile(testData(u"fasta/uniprot_1mb_test.fasta.gz"));
        QVERIFY(uniprot.ok());
        QCOMPARE(uniprot.records.size(), 12205);
        qsizetype residues = 0;
        for (const Record &record : uniprot.records) {
            residues += record.length();
            QCOMPARE(record.kind, MoleculeKind::Protein);
        }
        // tests/data/SOURCES.md says 4877864, counted by Biopython, which reads the 28
        // characters of a ';' comment line as residues (see matchesBiopython()).
        QCOMPARE(residues, 4877864 - 28);

        const FastaResult ffn = readFastaFile(testData(u"fasta/NC_005816.ffn"));
        QCOMPARE(ffn.records.size(), 10);
        for (const Record &record : ffn.records)
            QCOMPARE(record.kind, MoleculeKind::Dna);
        const FastaResult faa = readFastaFile(testData(u"fasta/NC_005816.faa"));
        QCOMPARE(faa.records.size(), 10);
        for (const Record &record : faa.records)
            QCOMPARE(record.kind, MoleculeKind::Protein);
        // CRLF line ends; the title has a trailing CR that is not part of the description.
        const FastaResult crlf = readFastaFile(testData(u"fasta/loveliesbleeding.pro"));
        QCOMPARE(crlf.records.size(), 1);
        QCOMPARE(crlf.records.first().length(), 304);
        QCOMPARE(crlf.records.first().description,
                 u"Chain B, Crystal Structure Of Amaranthus Caudatus Agglutinin"_s);
    }

    void wholeGenomeGzip()
    {
        QElapsedTimer timer;
        timer.start();
        const FastaResult genome =
            readFastaFile(testData(u"genomes/Ecoli_MG1655_GCF_000005845.2_genomic.fna.gz"));
        const qint64 ms = timer.elapsed();
        QVERIFY(genome.ok());
        QCOMPARE(genome.records.size(), 1);
        QCOMPARE(genome.records.first().name, u"NC_000913.3"_s);
        QCOMPARE(genome.records.first().length(), 4641652);
        QCOMPARE(genome.records.first().kind, MoleculeKind::Dna);
        qInfo("E. coli .fna.gz (4.6 Mb): read and parsed in %lld ms", ms);
    }

    void headersAndLayout()
    {
        const FastaResult r = parse("; a comment before the first record\n"
                                    "\n"
                                    ">seq1  first record \t\r\n"
                                    "AC GT\r\n"
                                    "; a comment inside\n"
                                    "\tacgt  \n"
                                    ">empty\n"
                                    ">\n"
                                    "MKV\n"
                                    ">last one\n"
                                    "ACGU");
        QVERIFY(r.ok());
        QCOMPARE(r.records.size(), 4);
        QCOMPARE(r.records[0].name, u"seq1"_s);
        QCOMPARE(r.records[0].description, u"first record"_s);
        QCOMPARE(r.records[0].sequence, QByteArray("ACGTacgt"));
        QCOMPARE(r.records[0].kind, MoleculeKind::Dna);
        QCOMPARE(r.records[1].name, u"empty"_s);
        QCOMPARE(r.records[1].sequence, QByteArray());
        QCOMPARE(r.records[2].name, QString());
        QCOMPARE(r.records[2].kind, MoleculeKind::Protein); // M, K, V are nucleotide codes too
        QCOMPARE(r.records[3].name, u"last"_s);
        QCOMPARE(r.records[3].description, u"one"_s);
        QCOMPARE(r.records[3].kind, MoleculeKind::Rna);

        QVERIFY(parse("").ok());
        QCOMPARE(parse("").records.size(), 0);
        QCOMPARE(parse("\n\n; only a comment\n").records.size(), 0);
    }

    void kindDetection_data()
    {
        QTest::addColumn<QByteArray>("sequence");
        QTest::addColumn<MoleculeKind>("kind");
        QTest::newRow("dna") << QByteArray("ACGTACGTNNACGT") << MoleculeKind::Dna;
        QTest::newRow("dna with a few ambiguity codes")
            << QByteArray("ACGTRYACGTACGTACGTAC") << MoleculeKind::Dna;
        QTest::newRow("rna") << QByteArray("ACGUUAGC") << MoleculeKind::Rna;
        QTest::newRow("protein") << QByteArray("MSTNPKPQRKTKRNTNRRPQDVKFPGG")
                                 << MoleculeKind::Protein;
        QTest::newRow("protein of nucleotide letters")
            << QByteArray("MKVHDRAW") << MoleculeKind::Protein;
        QTest::newRow("stop codon") << QByteArray("ACGT*") << MoleculeKind::Protein;
        QTest::newRow("gaps only") << QByteArray("----") << MoleculeKind::Dna;
    }
    void kindDetection()
    {
        QFETCH(QByteArray, sequence);
        QFETCH(MoleculeKind, kind);
        const FastaResult r = readFasta(QByteArray(">x\n" + sequence + '\n'));
        QVERIFY(r.ok());
        QCOMPARE(r.records.first().kind, kind);
    }

    void explicitKindWins()
    {
        const FastaResult asProtein = parse(">p\nACGT\n", MoleculeKind::Protein);
        QVERIFY(asProtein.ok());
        QCOMPARE(asProtein.records.first().kind, MoleculeKind::Protein);

        const FastaResult notDna = parse(">p\nACGT\nACGE\n", MoleculeKind::Dna);
        QVERIFY(!notDna.ok());
        QCOMPARE(notDna.error->line, 3);
        QCOMPARE(notDna.error->message, u"'E' (column 4) is not a valid DNA character"_s);
        QVERIFY(parse(">p\nACGE\n").ok()); // protein when detected

        const FastaResult notRna = parse(">r\nACGT\n", MoleculeKind::Rna);
        QVERIFY(!notRna.ok());
        QCOMPARE(notRna.error->toString(),
                 u"line 2: 'T' (column 4) is not a valid RNA character"_s);
    }

    void badInput_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<int>("line");
        QTest::addColumn<QString>("message");
        QTest::newRow("digit") << QByteArray(">x\nACGT\nAC1T\n") << 3
                               << u"'1' (column 3) is not a valid sequence character"_s;
        QTest::newRow("dot") << QByteArray(">x\nAC.T\n") << 2
                             << u"'.' (column 3) is not a valid sequence character"_s;
        QTest::newRow("control byte")
            << QByteArray(">x\nAC\x01T\n") << 2
            << u"byte 0x01 (column 3) is not a valid sequence character"_s;
        QTest::newRow("nul") << QByteArray(">x\nAC\0T\n", 8) << 2
                             << u"byte 0x00 (column 3) is not a valid sequence character"_s;
        QTest::newRow("no header") << QByteArray("\nACGT\n>x\nACGT\n") << 2
                                   << u"sequence data before the first '>' header"_s;
        QTest::newRow("binary") << QByteArray("\x09\x00\x00\x00\x0eSnapGene", 13) << 1
                                << u"sequence data before the first '>' header"_s;
    }
    void badInput()
    {
        QFETCH(QByteArray, text);
        QFETCH(int, line);
        QFETCH(QString, message);
        const FastaResult r = readFasta(text);
        QVERIFY(!r.ok());
        QVERIFY(r.records.isEmpty());
        QCOMPARE(r.error->line, line);
        QCOMPARE(r.error->message, message);
    }

    void badGzip()
    {
        QFile file(testData(u"fasta/uniprot_1mb_test.fasta.gz"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const FastaResult r = readFasta(file.read(5000)); // truncated stream
        QVERIFY(!r.ok());
        QVERIFY2(r.error->message.startsWith(u"gzip-compressed data could not be read"_s),
                 qPrintable(r.error->message));
        QVERIFY(!readFastaFile(u"/nonexistent/x.fa"_s).ok());
    }

    void writer()
    {
        Record record;
        record.name = u"seq1"_s;
        record.description = u"a test\nrecord"_s;
        record.sequence = "ACGTACGTACGTACGTACGTACGTA";
        Record empty;
        empty.name = u"empty"_s;
        QCOMPARE(writeFasta({record, empty}, 10),
                 QByteArray(">seq1 a test record\nACGTACGTAC\nGTACGTACGT\nACGTA\n>empty\n"));
        QCOMPARE(writeFasta({record}, 0),
                 QByteArray(">seq1 a test record\n" + record.sequence + '\n'));
        QCOMPARE(writeFasta({record}).count('\n'), 2); // 60 per line by default

        Record genbank;
        genbank.name = u"SYNPUC19V"_s;
        genbank.accession = u"M77789"_s;
        genbank.version = u"M77789.2"_s;
        QCOMPARE(fastaId(genbank), u"M77789.2"_s);
        genbank.version = u"2"_s;
        QCOMPARE(fastaId(genbank), u"M77789.2"_s);
        genbank.version.clear();
        QCOMPARE(fastaId(genbank), u"M77789"_s);
        genbank.accession.clear();
        genbank.name = u"with space"_s;
        QCOMPARE(fastaId(genbank), u"with_space"_s);
    }

    void roundTrip()
    {
        const QDir dir(testData(u"fasta"));
        for (const QString &name : dir.entryList(QDir::Files, QDir::Name)) {
            const FastaResult first = readFastaFile(dir.filePath(name));
            QVERIFY(first.ok());
            for (int width : {60, 7, 0}) {
                const FastaResult second = readFasta(writeFasta(first.records, width));
                QVERIFY(second.ok());
                QCOMPARE(second.records, first.records);
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestFasta)
#include "tst_bio_fasta.moc"
