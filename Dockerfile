# The catalogue service. The MIMU-derived boundary files of boundaries/ are published with it (app/boundaries);
# to import a newer release, mount a folder and set SEGEO_BOUNDARIES_DIR (see docker-compose.yml).

# The front-end libraries (Leaflet, geoman, the Myanmar font) from the npm registry, as scripts/web-assets.sh does locally.
FROM node:22-bookworm-slim AS web
WORKDIR /src
COPY package.json package-lock.json ./
COPY scripts/web-assets.sh scripts/
RUN mkdir wwwroot && scripts/web-assets.sh

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/SeGeoCatalogue -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
COPY wwwroot ./wwwroot
COPY --from=web /src/wwwroot/lib ./wwwroot/lib
ENV ASPNETCORE_URLS=http://+:8080
EXPOSE 8080
ENTRYPOINT ["dotnet", "SeGeoCatalogue.dll"]
