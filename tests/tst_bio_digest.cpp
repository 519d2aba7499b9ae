// Restriction digests: fragments and their ends against hand-checked literature values, EMBOSS
// restrict -fragments and Biopython catalyse().
#include "bio/Digest.h"
#include "bio/RestrictionEnzymes.h"
#include "bio/RestrictionScanner.h"

#include "BioTestSupport.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

using namespace benchtop::bio;
using namespace benchtop::test;
using namespace Qt::StringLiterals;

namespace {

QList<Fragment> digestWith(const QByteArray &sequence, Topology topology,
                           const QStringList &enzymes, RestrictionMap *mapOut = nullptr)
{
    EnzymeFilter filter;
    filter.names = enzymes;
    const RestrictionMap map =
        RestrictionScanner(RestrictionCatalogue::builtin().select(filter)).scan(sequence, topology);
    if (mapOut)
        *mapOut = map;
    return digest(map, sequence);
}

QList<qint64> lengths(QList<Fragment> fragments)
{
    sortByLength(fragments);
    QList<qint64> result;
    for (const Fragment &f : fragments)
        result.append(f.length());
    return result;
}

QStringList names(const RestrictionMap &map, const FragmentEnd &end)
{
    QStringList result;
    for (const qint32 e : end.enzymes)
        result.append(map.enzymes[e].name);
    return result;
}

} // namespace

class TestDigest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void lambdaEcoRI()
    {
        // NEB's lambda EcoRI fragment sizes (the six bands of the standard marker).
        const QByteArray lambda = genbankFileBases(testData(u"genomes/lambda_NC_001416.gb"));
        const QList<Fragment> fragments = digestWith(lambda, Topology::Linear, {u"EcoRI"_s});
        QCOMPARE(lengths(fragments), (QList<qint64>{21226, 7421, 5804, 5643, 4878, 3530}));
        // Map order: the left end of the genome first, the right end last.
        QCOMPARE(fragments.first().start, 0);
        QCOMPARE(fragments.first().end, 21226);
        QVERIFY(fragments.first().left.enzymes.isEmpty());
        QCOMPARE(fragments.first().left.overhang, Overhang::Unknown);
        QCOMPARE(fragments.first().right.overhangSequence, QByteArray("AATT"));
        QCOMPARE(fragments.last().end, lambda.size());
        QCOMPARE(fragments.last().length(), 3530);
    }

    void pUC19PolylinkerPiece()
    {
        // The 51-bp HindIII-EcoRI piece of the pUC19 polylinker; M77789 runs it HindIII first.
        const QByteArray pUC19 = genbankFileBases(testData(u"plasmids/pUC19_M77789.gb"));
        RestrictionMap map;
        const QList<Fragment> fragments =
            digestWith(pUC19, Topology::Circular, {u"EcoRI"_s, u"HindIII"_s}, &map);
        QCOMPARE(fragments.size(), 2);
        const Fragment &piece = fragments[0];
        QCOMPARE(piece.start, 233); // A^AGCTT at 1-based 233..238
        QCOMPARE(piece.end, 284);   // G^AATTC at 1-based 284..289
        QCOMPARE(names(map, piece.left), QStringList{u"HindIII"_s});
        QCOMPARE(piece.left.overhang, Overhang::FivePrime);
        QCOMPARE(piece.left.overhangSequence, QByteArray("AGCT"));
        QCOMPARE(piece.left.cut, (CutPosition{233, 237}));
        QCOMPARE(names(map, piece.right), QStringList{u"EcoRI"_s});
        QCOMPARE(piece.right.overhangSequence, QByteArray("AATT"));
        QCOMPARE(fragmentSequence(piece, pUC19), pUC19.mid(233, 51));
        // The rest of the circle runs across the origin.
        const Fragment &backbone = fragments[1];
        QCOMPARE(backbone.start, 284);
        QCOMPARE(backbone.end, 233 + pUC19.size());
        QCOMPARE(backbone.length(), 2635);
        QCOMPARE(fragmentSequence(backbone, pUC19), pUC19.mid(284) + pUC19.left(233));
        QCOMPARE(backbone.right, piece.left);
    }

    void sharedEnds()
    {
        // ApoI (R^AATTY) cuts every EcoRI site where EcoRI does: one end, both enzymes.
        const QByteArray lambda = genbankFileBases(testData(u"genomes/lambda_NC_001416.gb"));
        RestrictionMap map;
        const QList<Fragment> fragments =
            digestWith(lambda, Topology::Linear, {u"EcoRI"_s, u"ApoI"_s}, &map);
        QList<qint64> shared;
        for (const Fragment &f : fragments)
            if (f.right.enzymes.size() == 2) {
                shared.append(f.end);
                QCOMPARE(names(map, f.right), (QStringList{u"ApoI"_s, u"EcoRI"_s}));
            }
        QCOMPARE(shared, (QList<qint64>{21226, 26104, 31747, 39168, 44972}));
        QCOMPARE(fragments.size(), 59); // ApoI has 58 sites in lambda
    }

    void threePrimeAndTypeIIS()
    {
        const QByteArray sequence = "AAAACTGCAGAAAAAAGGTCTCAGATCAAAA";
        RestrictionMap map;
        const QList<Fragment> fragments =
            digestWith(sequence, Topology::Linear, {u"PstI"_s, u"BsaI"_s}, &map);
        QCOMPARE(fragments.size(), 3);
        QCOMPARE(fragments[0].end, 9); // CTGCA^G
        QCOMPARE(fragments[0].right.overhang, Overhang::ThreePrime);
        QCOMPARE(fragments[0].right.overhangSequence, QByteArray("TGCA"));
        QCOMPARE(fragments[1].end, 23); // GGTCTC N^NNNN: the overhang is the sequence's own
        QCOMPARE(fragments[1].right.overhang, Overhang::FivePrime);
        QCOMPARE(fragments[1].right.overhangSequence, QByteArray("GATC"));
        QCOMPARE(fragments[2].right, FragmentEnd());
    }

    void uncut()
    {
        const QByteArray sequence = "ACGTACGTACGTACGT";
        for (const Topology topology : {Topology::Linear, Topology::Circular}) {
            const QList<Fragment> fragments = digestWith(sequence, topology, {u"EcoRI"_s});
            QCOMPARE(fragments.size(), 1);
            QCOMPARE(fragments[0].start, 0);
            QCOMPARE(fragments[0].end, sequence.size());
            QVERIFY(fragments[0].left.enzymes.isEmpty() && fragments[0].right.enzymes.isEmpty());
        }
        // One cut opens a circle into one linear fragment of its full length.
        const QByteArray circle = "TTTTGAATTCTTTT";
        const QList<Fragment> opened = digestWith(circle, Topology::Circular, {u"EcoRI"_s});
        QCOMPARE(opened.size(), 1);
        QCOMPARE(opened[0].start, 5);
        QCOMPARE(opened[0].end, 5 + circle.size());
        QCOMPARE(fragmentSequence(opened[0], circle), QByteArray("AATTCTTTTTTTTG"));
    }

    void embossFragments_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<bool>("circular");
        QTest::addColumn<QString>("enzymes");
        const QString pUC19 = testData(u"plasmids/pUC19_M77789.gb");
        const QString pBR322 = testData(u"plasmids/pBR322_J01749.gb");
        const QString pEGFP = testData(u"plasmids/pEGFP-N1_U55762.gb");
        const QString lambda = testData(u"genomes/lambda_NC_001416.gb");
        QTest::newRow("pUC19 circular") << pUC19 << true << u"EcoRI,HindIII,PstI,BsaI"_s;
        QTest::newRow("pUC19 linear") << pUC19 << false << u"EcoRI,HindIII,PstI,BsaI"_s;
        QTest::newRow("pBR322 4-cutters") << pBR322 << true << u"HaeIII,TaqI"_s;
        QTest::newRow("pBR322 Type IIS") << pBR322 << false << u"BsmBI,SapI,BsaI,BbsI"_s;
        QTest::newRow("pEGFP two-cut BcgI") << pEGFP << true << u"BcgI,NotI"_s;
        QTest::newRow("lambda") << lambda << false << u"BamHI,EcoRI,HindIII,BstEII"_s;
    }

    void embossFragments()
    {
        QFETCH(QString, file);
        QFETCH(bool, circular);
        QFETCH(QString, enzymes);
        QJsonDocument document;
        const QString error = runPythonOracle(
            u"restriction_emboss.py",
            {file, rebaseEmbossFile(), circular ? u"1"_s : u"0"_s, enzymes, u"fragments"_s},
            &document);
        QVERIFY2(error.isEmpty(),
                 qPrintable(u"EMBOSS restrict oracle failed (Debian package emboss): "_s + error));
        const QJsonObject oracle = document.object();
        QVERIFY2(!oracle.isEmpty(), "EMBOSS restrict oracle printed an empty result");
        QList<qint64> theirs;
        for (const QJsonValue &v : oracle[u"fragments"].toArray())
            theirs.append(v.toInteger());
        const QList<Fragment> ours =
            digestWith(genbankFileBases(file), circular ? Topology::Circular : Topology::Linear,
                       enzymes.split(u','));
        QVERIFY(theirs.size() > 1);
        QCOMPARE(lengths(ours), theirs);
    }

    void biopythonCatalyse_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<bool>("circular");
        QTest::addColumn<QString>("enzyme");
        const QString pBR322 = testData(u"plasmids/pBR322_J01749.gb");
        const QString lambda = testData(u"genomes/lambda_NC_001416.gb");
        for (const bool circular : {false, true})
            for (const char *enzyme : {"EcoRI", "BsaI", "BcgI", "HinfI", "BsmFI", "AciI"})
                QTest::addRow("pBR322 %s %s", enzyme, circular ? "circular" : "linear")
                    << pBR322 << circular << QString::fromLatin1(enzyme);
        QTest::newRow("lambda HindIII") << lambda << false << u"HindIII"_s;
    }

    void biopythonCatalyse()
    {
        QFETCH(QString, file);
        QFETCH(bool, circular);
        QFETCH(QString, enzyme);
        QJsonDocument document;
        const QString error =
            runPythonOracle(u"restriction_biopython.py",
                            {u"catalyse"_s, file, circular ? u"1"_s : u"0"_s, enzyme}, &document);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const QJsonObject oracle = document.object();
        QVERIFY2(!oracle.isEmpty(), "Biopython oracle printed an empty result");
        QList<QByteArray> theirs;
        for (const QJsonValue &v : oracle[u"fragments"].toArray())
            theirs.append(v.toString().toLatin1());
        const QByteArray sequence = genbankFileBases(file);
        QList<Fragment> fragments =
            digestWith(sequence, circular ? Topology::Circular : Topology::Linear, {enzyme});
        // catalyse() lists a circle's fragments from the one across the origin; we list it last.
        if (circular && fragments.size() > 1)
            fragments.prepend(fragments.takeLast());
        QList<QByteArray> ours;
        for (const Fragment &f : fragments)
            ours.append(fragmentSequence(f, sequence));
        QVERIFY(!theirs.isEmpty());
        QCOMPARE(ours, theirs);
    }
};

QTEST_GUILESS_MAIN(TestDigest)
#include "tst_bio_digest.moc"
