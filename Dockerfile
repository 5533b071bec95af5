# The catalogue service. The boundary files are not in the image: mount them at /boundaries
# (see docker-compose.yml and boundaries/README.md).

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
ENV ASPNETCORE_URLS=http://+:8080 SEGEO_BOUNDARIES_DIR=/boundaries
EXPOSE 8080
ENTRYPOINT ["dotnet", "SeGeoCatalogue.dll"]
