#pragma once
// JSON files a command-line test writes as input or reads back as output.
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

// Writes OBJECT to PATH, creating its folder; a failure fails the calling test.
inline void writeJson(const QString& path, const QJsonObject& object)
{
    QDir().mkpath(QFileInfo(path).path());
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QJsonDocument(object).toJson());
}

// The object in PATH; empty when the file is missing or not a JSON object.
inline QJsonObject readJson(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}
