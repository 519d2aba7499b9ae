#include "Gzip.h"

#include <QFile>

#include <zlib.h>

#include <algorithm>
#include <limits>

using namespace Qt::StringLiterals;

namespace benchtop::bio {

bool isGzip(QByteArrayView data)
{
    return data.size() >= 2 && static_cast<unsigned char>(data[0]) == 0x1f &&
           static_cast<unsigned char>(data[1]) == 0x8b;
}

std::optional<QByteArray> gunzip(QByteArrayView data, QString *error)
{
    auto fail = [error](const QString &message) -> std::optional<QByteArray> {
        if (error)
            *error = message;
        return std::nullopt;
    };
    if (!isGzip(data))
        return fail(u"not gzip data (no 1f 8b magic bytes)"_s);

    // The trailer holds the size of the last member mod 2^32: a good first guess for one member.
    QByteArray out;
    if (data.size() >= 18) {
        const auto *tail = reinterpret_cast<const unsigned char *>(data.data() + data.size() - 4);
        const quint32 isize = tail[0] | tail[1] << 8 | tail[2] << 16 | quint32(tail[3]) << 24;
        // Never trust it blindly: cap at 1032x the input (deflate's maximum ratio).
        out.reserve(qsizetype(std::min<qint64>(isize, data.size() * 1032LL)));
    }
    out.resize(std::max<qsizetype>(out.capacity(), 4096));

    z_stream stream{};
    if (inflateInit2(&stream, 16 + MAX_WBITS) != Z_OK)
        return fail(u"cannot initialise zlib"_s);
    auto *in = reinterpret_cast<const Bytef *>(data.data());
    qsizetype inLeft = data.size();
    qsizetype produced = 0;
    int status = Z_OK;
    while (true) {
        if (produced == out.size())
            out.resize(out.size() * 2);
        // zlib counts in uInt: feed and drain in chunks that fit.
        constexpr qsizetype chunk = std::numeric_limits<uInt>::max() / 2;
        const qsizetype inChunk = std::min(inLeft, chunk);
        const qsizetype outChunk = std::min(out.size() - produced, chunk);
        stream.next_in = const_cast<Bytef *>(in);
        stream.avail_in = uInt(inChunk);
        stream.next_out = reinterpret_cast<Bytef *>(out.data() + produced);
        stream.avail_out = uInt(outChunk);
        status = inflate(&stream, Z_NO_FLUSH);
        const qsizetype consumed = inChunk - stream.avail_in;
        in += consumed;
        inLeft -= consumed;
        produced += outChunk - stream.avail_out;
        if (status == Z_STREAM_END) {
            // Another member may follow; trailing zero padding is tolerated as gzip(1) does.
            if (inLeft == 0 || std::all_of(in, in + inLeft, [](Bytef b) { return b == 0; }))
                break;
            if (inflateReset(&stream) != Z_OK)
                break;
            continue;
        }
        if (status == Z_BUF_ERROR && inLeft == 0 && stream.avail_out > 0)
            break; // input ended before the stream did
        if (status != Z_OK && status != Z_BUF_ERROR)
            break;
    }
    const QString zlibMessage = stream.msg ? QString::fromLatin1(stream.msg) : QString();
    inflateEnd(&stream);
    if (status != Z_STREAM_END) {
        if (status == Z_OK || status == Z_BUF_ERROR)
            return fail(u"gzip data is truncated"_s);
        return fail(u"corrupt gzip data: %1"_s.arg(zlibMessage.isEmpty() ? u"error %1"_s.arg(status)
                                                                         : zlibMessage));
    }
    out.truncate(produced);
    return out;
}

std::optional<QByteArray> readMaybeGzippedFile(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = u"cannot open %1: %2"_s.arg(path, file.errorString());
        return std::nullopt;
    }
    QByteArray data = file.readAll();
    if (file.error() != QFileDevice::NoError) {
        if (error)
            *error = u"cannot read %1: %2"_s.arg(path, file.errorString());
        return std::nullopt;
    }
    if (!isGzip(data))
        return data;
    QString gzError;
    auto plain = gunzip(data, &gzError);
    if (!plain && error)
        *error = u"%1: %2"_s.arg(path, gzError);
    return plain;
}

} // namespace benchtop::bio
