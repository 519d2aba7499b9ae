// The sequence core against its peers, measured in one run on this machine (issue: "faster than
// Biopython and EMBOSS"). Every figure is a median; each side runs in a process of its own so that
// its peak memory (ru_maxrss) is its own.
//
//   bench_bio [--runs N] [--skip-biopython-restrict] [DATA_DIR]
//
// Tasks, on E. coli K-12 MG1655 (4.6 Mb, 9,261 features):
//   parse      GenBank -> records, in-process time  vs Biopython SeqIO.read (in-interpreter time)
//   seqret     GenBank -> FASTA, whole process      vs EMBOSS seqret
//   restrict   all commercial enzymes, circular, in-process vs Biopython Restriction.Analysis
//              (one run: it takes over a minute) and, whole process, vs EMBOSS restrict
//   transeq    six frames, FASTA in -> FASTA out, whole process vs EMBOSS transeq -frame 6
#include "bio/Fasta.h"
#include "bio/GenBank.h"
#include "bio/Gzip.h"
#include "bio/RestrictionEnzymes.h"
#include "bio/RestrictionScanner.h"
#include "bio/Translation.h"

#include "BioTestSupport.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <vector>

extern char **environ;

using namespace benchtop::bio;
using namespace Qt::StringLiterals;

namespace {

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values.empty() ? 0 : values[values.size() / 2];
}

// ---- the child side: one task, N times, median in-process time as JSON on stdout ----

QByteArray firstFastaSequence(const QString &path)
{
    FastaResult fasta = readFastaFile(path, MoleculeKind::Dna);
    return fasta.ok() && !fasta.records.isEmpty() ? fasta.records.first().sequence : QByteArray();
}

// Our commercial-enzyme scan of the genome, in Biopython's reporting conventions, against the
// positions Biopython wrote: all enzymes the same, or the first that differ.
QString sameSitesAsBiopython(const QByteArray &genome, const QString &biopythonCuts)
{
    QFile file(biopythonCuts);
    if (!file.open(QIODevice::ReadOnly))
        return u"no Biopython result"_s;
    const QJsonObject theirs = QJsonDocument::fromJson(file.readAll()).object();
    EnzymeFilter filter;
    filter.commercialOnly = true;
    const RestrictionMap map = RestrictionScanner(RestrictionCatalogue::builtin().select(filter))
                                   .scan(genome, Topology::Circular, ScanOptions::all());
    const QHash<QString, QList<qint64>> ours =
        benchtop::test::biopythonStyleCuts(map, genome.size(), true);
    QStringList differ;
    for (auto it = theirs.begin(); it != theirs.end(); ++it) {
        QList<qint64> positions;
        for (const QJsonValue &v : it.value().toArray())
            positions.append(v.toInteger());
        std::sort(positions.begin(), positions.end());
        if (positions != ours.value(it.key()))
            differ.append(it.key());
    }
    if (differ.isEmpty())
        return u"all %1 enzymes Biopython knows cut at the same positions"_s.arg(theirs.size());
    return u"%1 of %2 enzymes differ: %3"_s.arg(differ.size())
        .arg(theirs.size())
        .arg(differ.mid(0, 10).join(u", "_s));
}

bool decompress(const QString &from, const QString &to)
{
    QString error;
    const auto data = readMaybeGzippedFile(from, &error);
    QFile out(to);
    return data && out.open(QIODevice::WriteOnly) && out.write(*data) == data->size();
}

int child(const QString &task, const QString &path, int runs, const QString &out)
{
    // Work that needs memory runs in a child too: a process started later inherits the
    // parent's peak as its own starting ru_maxrss (posix_spawn shares the address space until
    // exec), so the parent must stay small.
    if (task == u"gunzip"_s)
        return decompress(path, out) ? 0 : 2;
    if (task == u"verify"_s) {
        std::printf("%s\n", qPrintable(sameSitesAsBiopython(firstFastaSequence(path), out)));
        return 0;
    }

    std::vector<double> times;
    qint64 count = 0;
    QElapsedTimer timer;
    if (task == u"parse"_s) {
        for (int i = 0; i < runs; ++i) {
            timer.start();
            const GenBankResult result = readGenBankFile(path);
            times.push_back(timer.nsecsElapsed() / 1e6);
            if (!result.ok() || result.records.isEmpty())
                return 2;
            count = result.records.first().features.size();
        }
    } else if (task == u"seqret"_s) { // read GenBank, write FASTA: what seqret does
        timer.start();
        const GenBankResult result = readGenBankFile(path);
        QFile file(out);
        if (!result.ok() || !file.open(QIODevice::WriteOnly))
            return 2;
        file.write(writeFasta(result.records));
        times.push_back(timer.nsecsElapsed() / 1e6);
        count = result.records.size();
    } else if (task == u"restrict"_s) {
        const QByteArray genome = firstFastaSequence(path);
        EnzymeFilter filter;
        filter.commercialOnly = true;
        const RestrictionScanner scanner(RestrictionCatalogue::builtin().select(filter));
        for (int i = 0; i < runs; ++i) {
            timer.start();
            const RestrictionMap map = scanner.scan(genome, Topology::Circular);
            times.push_back(timer.nsecsElapsed() / 1e6);
            count = map.sites.size();
        }
    } else if (task == u"transeq"_s) { // FASTA in, six frames, FASTA out
        timer.start();
        FastaResult fasta = readFastaFile(path, MoleculeKind::Dna);
        if (!fasta.ok() || fasta.records.isEmpty())
            return 2;
        const Record &dna = fasta.records.first();
        TranslationOptions options;
        options.translatePartialCodon = true; // as transeq
        QList<Record> proteins;
        for (const FrameTranslation &frame :
             translateFrames(dna.sequence, FrameSet::All, options)) {
            Record protein;
            protein.name = dna.name + u'_' + QString::number(frame.frame);
            protein.kind = MoleculeKind::Protein;
            protein.sequence = frame.protein;
            proteins.append(protein);
        }
        QFile file(out);
        if (!file.open(QIODevice::WriteOnly))
            return 2;
        file.write(writeFasta(proteins));
        times.push_back(timer.nsecsElapsed() / 1e6);
        count = proteins.size();
    } else {
        return 2;
    }
    std::printf("{\"ms\": %.3f, \"count\": %lld}\n", median(times), static_cast<long long>(count));
    return 0;
}

// ---- the parent side: run each side as a process, with its peak memory ----

struct Run
{
    double wallMs = 0;
    long peakKb = 0;
    int exitCode = -1;
    QJsonObject json; // what the process printed, if JSON
};

Run runProcess(const QStringList &argv, const QString &stdoutPath)
{
    std::vector<QByteArray> storage;
    std::vector<char *> args;
    for (const QString &arg : argv)
        storage.push_back(arg.toLocal8Bit());
    for (QByteArray &arg : storage)
        args.push_back(arg.data());
    args.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    const QByteArray outPath = stdoutPath.toLocal8Bit();
    posix_spawn_file_actions_addopen(&actions, 1, outPath.constData(), O_WRONLY | O_CREAT | O_TRUNC,
                                     0644);
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
    Run run;
    QElapsedTimer timer;
    timer.start();
    pid_t pid = 0;
    if (posix_spawn(&pid, args[0], &actions, nullptr, args.data(), environ) != 0) {
        posix_spawn_file_actions_destroy(&actions);
        return run;
    }
    int status = 0;
    rusage usage{};
    wait4(pid, &status, 0, &usage);
    run.wallMs = timer.nsecsElapsed() / 1e6;
    run.peakKb = usage.ru_maxrss;
    run.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    posix_spawn_file_actions_destroy(&actions);
    QFile out(stdoutPath);
    if (out.open(QIODevice::ReadOnly))
        run.json = QJsonDocument::fromJson(out.readAll()).object();
    return run;
}

// The median wall time of `runs` whole-process runs (and the largest peak memory).
Run runProcessMedian(const QStringList &argv, const QString &stdoutPath, int runs)
{
    std::vector<double> walls;
    Run last;
    long peak = 0;
    for (int i = 0; i < runs; ++i) {
        last = runProcess(argv, stdoutPath);
        walls.push_back(last.wallMs);
        peak = std::max(peak, last.peakKb);
    }
    last.wallMs = median(walls);
    last.peakKb = peak;
    return last;
}

void report(const char *task, const char *peer, double oursMs, long oursKb, double peerMs,
            long peerKb, const QString &note = {})
{
    std::printf("%-9s %-28s ours %9.1f ms %7.1f MB | peer %10.1f ms %7.1f MB | %7.1fx faster %s\n",
                task, peer, oursMs, oursKb / 1024.0, peerMs, peerKb / 1024.0,
                oursMs > 0 ? peerMs / oursMs : 0.0, qPrintable(note));
    std::fflush(stdout);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QStringList args = app.arguments();
    if (args.value(1) == u"--child"_s)
        return child(args.value(2), args.value(3), args.value(4).toInt(), args.value(5));

    int runs = 5;
    bool biopythonRestrict = true;
    QString dataDir = QStringLiteral(BENCHTOP_TEST_DATA);
    for (int i = 1; i < args.size(); ++i) {
        if (args[i] == u"--runs"_s)
            runs = args.value(++i).toInt();
        else if (args[i] == u"--skip-biopython-restrict"_s)
            biopythonRestrict = false;
        else
            dataDir = args[i];
    }
    QTemporaryDir tmp;
    const QString gb = tmp.filePath(u"ecoli.gb"_s), fna = tmp.filePath(u"ecoli.fna"_s);
    const QString self = QCoreApplication::applicationFilePath();
    const QString out = tmp.filePath(u"stdout.json"_s), sink = tmp.filePath(u"out.fa"_s);
    const auto gunzip = [&](const QString &from, const QString &to) {
        return runProcess({self, u"--child"_s, u"gunzip"_s, from, u"1"_s, to}, out).exitCode == 0;
    };
    if (!gunzip(dataDir + u"/genomes/Ecoli_MG1655_GCF_000005845.2_genomic.gbff.gz"_s, gb) ||
        !gunzip(dataDir + u"/genomes/Ecoli_MG1655_GCF_000005845.2_genomic.fna.gz"_s, fna)) {
        std::fprintf(stderr, "bench_bio: cannot read the E. coli files under %s\n",
                     qPrintable(dataDir));
        return 1;
    }
    const QString python = u"/usr/bin/python3"_s;
    const QString bioScript = QStringLiteral(BENCHTOP_BENCH_DIR) + u"/bench_biopython.py"_s;
    const QString datafile = QStringLiteral(BENCHTOP_RESOURCES) + u"/bio/rebase/emboss_e.201"_s;
    std::printf("E. coli K-12 MG1655, %d runs each (medians); ratios are peer time / ours\n", runs);

    // 1. GenBank parse vs Biopython, both timed in-process.
    const Run ours = runProcess({self, u"--child"_s, u"parse"_s, gb, QString::number(runs)}, out);
    const Run bio = runProcess({python, bioScript, u"parse"_s, gb, QString::number(runs)}, out);
    report("parse", "Biopython SeqIO.read", ours.json[u"ms"_s].toDouble(), ours.peakKb,
           bio.json[u"ms"_s].toDouble(), bio.peakKb,
           u"(features: ours %1, Biopython %2)"_s.arg(ours.json[u"count"_s].toInt())
               .arg(bio.json[u"count"_s].toInt()));

    // 2. GenBank -> FASTA, whole processes, vs EMBOSS seqret.
    const Run oursSeqret =
        runProcessMedian({self, u"--child"_s, u"seqret"_s, gb, u"1"_s, sink}, out, runs);
    const Run seqret = runProcessMedian(
        {u"/usr/bin/seqret"_s, u"-sequence"_s, gb, u"-outseq"_s, sink, u"-auto"_s}, out, runs);
    report("seqret", "EMBOSS seqret (process)", oursSeqret.wallMs, oursSeqret.peakKb, seqret.wallMs,
           seqret.peakKb);

    // 3. Restriction scan with all commercial enzymes.
    const Run oursScan =
        runProcess({self, u"--child"_s, u"restrict"_s, fna, QString::number(runs)}, out);
    const Run oursScanProcess =
        runProcessMedian({self, u"--child"_s, u"restrict"_s, fna, u"1"_s}, out, 3);
    EnzymeFilter filter;
    filter.commercialOnly = true;
    QStringList names;
    for (const RestrictionEnzyme &enzyme : RestrictionCatalogue::builtin().select(filter))
        names.append(enzyme.name);
    const Run restrict = runProcessMedian(
        {u"/usr/bin/restrict"_s, u"-sequence"_s, fna, u"-datafile"_s, datafile, u"-enzymes"_s,
         names.join(u','), u"-sitelen"_s, u"2"_s, u"-commercial"_s, u"N"_s, u"-nolimit"_s,
         u"-plasmid"_s, u"Y"_s, u"-outfile"_s, sink, u"-auto"_s},
        out, 1);
    report("restrict", "EMBOSS restrict (process)", oursScanProcess.wallMs, oursScanProcess.peakKb,
           restrict.wallMs, restrict.peakKb,
           u"(%1 enzymes, %2 sites)"_s.arg(names.size()).arg(oursScan.json[u"count"_s].toInt()));
    if (biopythonRestrict) {
        const QString cutsFile = tmp.filePath(u"biopython_cuts.json"_s);
        const Run bioScan = runProcess(
            {python, bioScript, u"restrict"_s, fna, u"1"_s, names.join(u','), cutsFile}, out);
        report("restrict", "Biopython Analysis", oursScan.json[u"ms"_s].toDouble(), oursScan.peakKb,
               bioScan.json[u"ms"_s].toDouble(), bioScan.peakKb,
               u"(Biopython knows %1 of the enzymes; sites: ours %2, Biopython %3)"_s
                   .arg(bioScan.json[u"enzymes"_s].toInt())
                   .arg(oursScan.json[u"count"_s].toInt())
                   .arg(bioScan.json[u"count"_s].toInt()));
        const QString verdict = tmp.filePath(u"verdict.txt"_s);
        runProcess({self, u"--child"_s, u"verify"_s, fna, u"1"_s, cutsFile}, verdict);
        QFile verdictFile(verdict);
        verdictFile.open(QIODevice::ReadOnly);
        std::printf("restrict  same sites as Biopython: %s", verdictFile.readAll().constData());
    }

    // 4. Six-frame translation, whole processes, vs EMBOSS transeq.
    const Run oursTranseq =
        runProcessMedian({self, u"--child"_s, u"transeq"_s, fna, u"1"_s, sink}, out, runs);
    const Run transeq = runProcessMedian({u"/usr/bin/transeq"_s, u"-sequence"_s, fna, u"-frame"_s,
                                          u"6"_s, u"-outseq"_s, sink, u"-auto"_s},
                                         out, runs);
    report("transeq", "EMBOSS transeq (process)", oursTranseq.wallMs, oursTranseq.peakKb,
           transeq.wallMs, transeq.peakKb);
    return 0;
}
